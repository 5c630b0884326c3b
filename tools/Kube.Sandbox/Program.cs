namespace Kube.Sandbox;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("Kube.Sandbox: not implemented yet");
        return 1;
    }
}
