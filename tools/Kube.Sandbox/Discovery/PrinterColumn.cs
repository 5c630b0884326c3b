using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>A column of the Table format that kubectl get prints. <see cref="Cell"/> renders one object.</summary>
public sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);
