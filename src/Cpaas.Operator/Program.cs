using Cpaas.Operator.Crds;

namespace Cpaas.Operator;

internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == GenerateCrdsCommand.Name)
        {
            return GenerateCrdsCommand.Run(args[1..], Console.Out, Console.Error);
        }

        Console.Error.WriteLine("cpaas-operator: not implemented yet");
        return 1;
    }
}
