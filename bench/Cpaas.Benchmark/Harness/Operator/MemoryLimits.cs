namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>--memory-limit: none, the shipped Deployment's limit, or a Kubernetes quantity.</summary>
public static class MemoryLimits
{
    public static long? Resolve(string choice, OperatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return choice switch
        {
            "none" => null,
            "shipped" => runtime.Shipped.MemoryLimitBytes ?? throw new InvalidOperationException("config/manager/manager.yaml sets no memory limit"),
            _ => ShippedRuntime.Quantity(choice),
        };
    }
}
