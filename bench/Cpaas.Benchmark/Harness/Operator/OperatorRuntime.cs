using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// The operator build and runtime settings every operator of a benchmark run starts with: which binary (see
/// <see cref="OperatorBinary"/>), its DOTNET_* environment (the shipped one unless told otherwise, plus the run's own)
/// and the shipped image's settings they were read from.
/// </summary>
public sealed record OperatorRuntime(string Binary, string Executable, IReadOnlyDictionary<string, string> Environment, ShippedRuntime Shipped)
{
    /// <summary>The operator's --log-level (Debug shows each cache's list time and size, for start-up diagnosis).</summary>
    public string LogLevel { get; init; } = "Information";

    /// <summary>The project reference's build output (bin/Release or bin/Debug), with no settings beyond its runtimeconfig.json.</summary>
    public static OperatorRuntime BuildOutput() =>
        new(OperatorBinary.Build, OperatorBinary.BuildOutputPath(), new Dictionary<string, string>(), ShippedRuntime.Load());

    public JsonObject ToJson() => new()
    {
        ["binary"] = Binary,
        ["executable"] = Path.GetFileName(Executable),
        ["env"] = new JsonObject(Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["log_level"] = LogLevel,
        ["shipped"] = Shipped.ToJson(),
    };
}
