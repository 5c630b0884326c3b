using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The reconciler's writes to a CpaasProject's metadata: the finalizer and the pending-create marker. Writes a
/// decision depends on carry a resourceVersion test, so a decision taken on a stale cache fails with a conflict
/// instead of acting twice. Each returns a new copy (<see cref="WrittenProject"/>).
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

        var patch = GuardedPatch(resource, "add", "/metadata/finalizers", new JsonArray([.. finalizers.Append(WellKnownNames.Finalizer).Select(f => JsonValue.Create(f))]));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    public async Task<CpaasProject> RemoveFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var remaining = (resource.Metadata.Finalizers ?? []).Where(f => f != WellKnownNames.Finalizer).ToList();
        var patch = GuardedPatch(resource, "replace", "/metadata/finalizers", new JsonArray([.. remaining.Select(f => JsonValue.Create(f))]));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    /// <summary>
    /// The marker before POST add (docs/RECONCILE.md step 7), stamped now. Only the marker's key is added: the
    /// other annotations are the server's to keep (a patch by key cannot drop one a stale read missed).
    /// </summary>
    public async Task<CpaasProject> WriteMarkerAsync(CpaasProject resource, string appName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var marker = new PendingCreateMarker(time.GetUtcNow(), appName).Format();
        var patch = resource.Metadata.Annotations is null
            ? GuardedPatch(resource, "add", "/metadata/annotations", new JsonObject { [WellKnownNames.Annotations.PendingCreate] = marker })
            : GuardedPatch(resource, "add", "/metadata/annotations/" + EscapeJsonPointer(WellKnownNames.Annotations.PendingCreate), JsonValue.Create(marker));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    /// <summary>Idempotent (merge patch with null): removing our own annotation needs no precondition.</summary>
    public async Task<CpaasProject> ClearMarkerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) != true)
        {
            return resource;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = null } },
        };
        return WrittenProject.From(resource, await client.PatchAsync(ObjectKey.From(resource), PatchType.Merge, patch.ToJsonString(), cancellationToken));
    }

    /// <summary>The marker on the resource, if any and readable.</summary>
    public static PendingCreateMarker? ReadMarker(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        string? text = null;
        resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.PendingCreate, out text);
        return PendingCreateMarker.Parse(text);
    }

    /// <summary>
    /// Sends a patch guarded by a resourceVersion test. The API server answers a failed test with 422, not 409; both
    /// mean the same here (someone wrote first), so both surface as a conflict and the key is requeued.
    /// </summary>
    private async Task<CpaasProject> SendGuardedAsync(CpaasProject resource, string patch, CancellationToken cancellationToken)
    {
        try
        {
            return WrittenProject.From(resource, await client.PatchAsync(ObjectKey.From(resource), PatchType.Json, patch, cancellationToken));
        }
        catch (KubeApiException error) when (error.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            throw new KubeApiException(HttpStatusCode.Conflict, "Conflict", $"{resource.Metadata.Name} changed since it was read");
        }
    }

    private static string GuardedPatch(CpaasProject resource, string op, string path, JsonNode value)
    {
        var operations = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = resource.Metadata.ResourceVersion },
            new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value });
        return operations.ToJsonString();
    }

    private static string EscapeJsonPointer(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
