namespace Cpaas.Operator;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("cpaas-operator: not implemented yet");
        return 1;
    }
}
