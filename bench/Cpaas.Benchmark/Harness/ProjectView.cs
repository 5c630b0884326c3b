using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Harness;

/// <summary>What the harness reads of a CpaasProject: identity, generation, the Ready condition and the app id.</summary>
public sealed record ProjectView(
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    long? ObservedGeneration,
    string? ReadyStatus,
    string? ReadyReason,
    string? ReadyMessage,
    long? ReadyObservedGeneration,
    string? AppId,
    bool Deleting,
    DateTimeOffset SeenAt)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>Ready=True for the current generation.</summary>
    public bool IsReady => ReadyStatus == "True" && ObservedGeneration == Generation && (ReadyObservedGeneration ?? Generation) == Generation;

    /// <summary>Ready=False for the current generation (a reason to read).</summary>
    public bool IsNotReady => ReadyStatus == "False" && ObservedGeneration == Generation;

    public static ProjectView From(JsonObject obj, DateTimeOffset seenAt)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"]?.AsObject() ?? [];
        var status = obj["status"] as JsonObject;
        var ready = (status?["conditions"] as JsonArray)?
            .OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready");
        return new ProjectView(
            metadata["namespace"]?.GetValue<string>() ?? "",
            metadata["name"]?.GetValue<string>() ?? "",
            metadata["uid"]?.GetValue<string>() ?? "",
            metadata["generation"]?.GetValue<long>() ?? 0,
            status?["observedGeneration"]?.GetValue<long>(),
            ready?["status"]?.GetValue<string>(),
            ready?["reason"]?.GetValue<string>(),
            ready?["message"]?.GetValue<string>(),
            ready?["observedGeneration"]?.GetValue<long>(),
            status?["appId"]?.GetValue<string>(),
            metadata["deletionTimestamp"] is not null,
            seenAt);
    }
}
