using System.Reflection;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>Where the operator's build output is: the project reference builds it; CPAAS_OPERATOR_DLL overrides.</summary>
public static class OperatorBinary
{
    public const string OverrideVariable = "CPAAS_OPERATOR_DLL";

    public static string DllPath()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Path.GetFullPath(overridden);
        }

        var directory = typeof(OperatorBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OperatorOutputDirectory")?.Value
            ?? throw new InvalidOperationException("The harness was built without the operator's output directory");
        var dll = Path.Combine(directory, "cpaas-operator.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The operator is not built at {dll}; build the benchmark (it builds the operator) or set {OverrideVariable}", dll);
    }
}
