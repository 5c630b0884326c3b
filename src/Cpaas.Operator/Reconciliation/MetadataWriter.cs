using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The reconciler's writes to a CpaasProject's metadata: the finalizer, the pending-create marker and the app-id
/// annotation. Each is a JSON merge patch. Writes a decision depends on carry metadata.resourceVersion (optimistic
/// lock, as controller-runtime's MergeFromWithOptimisticLock): a decision taken on a stale read fails with a 409
/// Conflict instead of acting twice. Each returns a new copy (<see cref="WrittenProject"/>).
/// </summary>
public sealed class MetadataWriter(IProjectClient client, TimeProvider time)
{
    public async Task<CpaasProject> EnsureFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var finalizers = resource.Metadata.Finalizers ?? [];
        if (finalizers.Contains(WellKnownNames.Finalizer))
        {
            return resource;
        }

        return await PatchAsync(resource, Locked(resource, new JsonObject { ["finalizers"] = Strings(finalizers.Append(WellKnownNames.Finalizer)) }), cancellationToken);
    }

    public async Task<CpaasProject> RemoveFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var remaining = (resource.Metadata.Finalizers ?? []).Where(f => f != WellKnownNames.Finalizer);
        return await PatchAsync(resource, Locked(resource, new JsonObject { ["finalizers"] = Strings(remaining) }), cancellationToken);
    }

    /// <summary>
    /// The marker before POST add (docs/RECONCILE.md step 6), stamped now. Only the marker's key is written: the
    /// other annotations are the server's to keep.
    /// </summary>
    public async Task<CpaasProject> WriteMarkerAsync(CpaasProject resource, string appName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var marker = new PendingCreateMarker(time.GetUtcNow(), appName).Format();
        var metadata = Locked(resource, new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = marker } });
        return await PatchAsync(resource, metadata, cancellationToken);
    }

    /// <summary>Idempotent (merge patch with null): removing our own annotation needs no precondition.</summary>
    public async Task<CpaasProject> ClearMarkerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) != true)
        {
            return resource;
        }

        return await PatchAsync(resource, new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = null } }, cancellationToken);
    }

    /// <summary>
    /// The app-id annotation set and the pending-create marker removed, in one patch with no precondition (both keys
    /// are the operator's own; the app id was decided by status.appId). Nothing is sent when both are as wanted.
    /// </summary>
    public async Task<CpaasProject> RecordIdentityAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var annotations = resource.Metadata.Annotations;
        var annotated = annotations is not null && annotations.TryGetValue(WellKnownNames.Annotations.AppId, out var held) && held == appId;
        var marked = annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) == true;
        if (annotated && !marked)
        {
            return resource;
        }

        var patch = new JsonObject { [WellKnownNames.Annotations.AppId] = appId };
        if (marked)
        {
            patch[WellKnownNames.Annotations.PendingCreate] = null;
        }

        return await PatchAsync(resource, new JsonObject { ["annotations"] = patch }, cancellationToken);
    }

    /// <summary>The marker on the resource, if any and readable.</summary>
    public static PendingCreateMarker? ReadMarker(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        string? text = null;
        resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.PendingCreate, out text);
        return PendingCreateMarker.Parse(text);
    }

    private async Task<CpaasProject> PatchAsync(CpaasProject resource, JsonObject metadata, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["metadata"] = metadata }.ToJsonString();
        return WrittenProject.From(resource, await client.PatchAsync(ObjectKey.From(resource), PatchType.Merge, patch, cancellationToken));
    }

    /// <summary>The API server refuses the patch with 409 Conflict unless the object is still at this resourceVersion.</summary>
    private static JsonObject Locked(CpaasProject resource, JsonObject metadata)
    {
        metadata["resourceVersion"] = resource.Metadata.ResourceVersion;
        return metadata;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
