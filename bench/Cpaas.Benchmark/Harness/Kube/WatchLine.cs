using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Harness.Kube;

/// <summary>One event of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with its object.</summary>
public sealed record WatchLine(string Type, JsonObject Object);
