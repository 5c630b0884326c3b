using System.Text.Json;

namespace Quickstart.Samples;

/// <summary>What the quickstart needs to know about one CpaasProject: is it Ready at its current generation, and if not, why.</summary>
internal sealed record SampleStatus(
    string Namespace,
    string Name,
    long Generation,
    long? ObservedGeneration,
    string? ReadyStatus,
    string? Reason,
    string? Message,
    string? AppId,
    string ConnectionSecretName)
{
    /// <summary>Ready=True, and the condition speaks about the current spec (not an older generation).</summary>
    public bool IsReady => ReadyStatus == "True" && (ObservedGeneration is null || ObservedGeneration >= Generation);

    /// <summary>One line for the progress display and for failure messages.</summary>
    public string Describe()
    {
        if (IsReady)
        {
            return AppId is null ? "Ready" : $"Ready, app id {AppId}";
        }

        if (ReadyStatus is null)
        {
            return "no Ready condition yet (the operator has not reported on it)";
        }

        var stale = ObservedGeneration is not null && ObservedGeneration < Generation
            ? $" (condition is about generation {ObservedGeneration}, spec is at {Generation})"
            : string.Empty;
        var reason = string.IsNullOrEmpty(Reason) ? "no reason" : Reason;
        return string.IsNullOrEmpty(Message) ? $"Ready={ReadyStatus}, {reason}{stale}" : $"Ready={ReadyStatus}, {reason}: {Message}{stale}";
    }

    /// <summary>Reads a CpaasProject as the API returns it (JSON), without depending on the operator's C# types.</summary>
    public static SampleStatus From(JsonElement project)
    {
        var metadata = project.GetProperty("metadata");
        var name = metadata.GetProperty("name").GetString()!;
        var ns = String(metadata, "namespace") ?? "default";
        var generation = metadata.TryGetProperty("generation", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetInt64() : 0;

        string? secretName = null;
        if (project.TryGetProperty("spec", out var spec) && spec.TryGetProperty("connectionSecret", out var connection))
        {
            secretName = String(connection, "name");
        }

        if (!project.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
        {
            return new SampleStatus(ns, name, generation, null, null, null, null, null, secretName ?? DefaultSecretName(name));
        }

        secretName = String(status, "connectionSecretName") ?? secretName;
        JsonElement? ready = null;
        if (status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                if (String(condition, "type") == "Ready")
                {
                    ready = condition;
                }
            }
        }

        long? observed = null;
        if (ready is { } r && r.TryGetProperty("observedGeneration", out var o) && o.ValueKind == JsonValueKind.Number)
        {
            observed = o.GetInt64();
        }
        else if (status.TryGetProperty("observedGeneration", out var so) && so.ValueKind == JsonValueKind.Number)
        {
            observed = so.GetInt64();
        }

        return new SampleStatus(
            ns,
            name,
            generation,
            observed,
            ready is { } c ? String(c, "status") : null,
            ready is { } c2 ? String(c2, "reason") : null,
            ready is { } c3 ? String(c3, "message") : null,
            String(status, "appId"),
            secretName ?? DefaultSecretName(name));
    }

    /// <summary>The operator's default connection Secret name (docs/reference.md).</summary>
    public static string DefaultSecretName(string projectName) => projectName + "-cpaas";

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
