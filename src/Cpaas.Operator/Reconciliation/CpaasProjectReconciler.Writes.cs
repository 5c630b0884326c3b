using System.Text.Json;
using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

// The reconciler's writes to the Kubernetes API. Metadata writes carry a resourceVersion test, so a decision
// taken on a stale cache fails with 409 instead of acting twice. One reconcile works on one copy of the resource:
// every write folds the server's answer (new resourceVersion, status) back into it, so a later write or a failure
// report never starts from an outdated version.
public sealed partial class CpaasProjectReconciler
{
    private async Task<CpaasProject> WriteStatusAsync(CpaasProject resource, CpaasProjectStatus status, CancellationToken cancellationToken)
    {
        if (SameStatus(resource.Status, status))
        {
            return resource;
        }

        var request = new CpaasProject { ApiVersion = resource.ApiVersion, Kind = resource.Kind, Metadata = resource.Metadata, Spec = resource.Spec, Status = status };
        return FoldIn(resource, await projectClient.ReplaceStatusAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Takes the server's metadata and status into the reconcile's copy (the spec stays the one decided on).</summary>
    private static CpaasProject FoldIn(CpaasProject resource, CpaasProject written)
    {
        resource.Metadata = written.Metadata;
        resource.Status = written.Status;
        return resource;
    }

    /// <summary>status.appId right after the POST: a merge patch without precondition, since nothing else writes it.</summary>
    private async Task<CpaasProject> RecordAppIdAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["appId"] = appId,
                ["customerId"] = resource.Spec.CustomerId,
            },
        };
        return FoldIn(resource, await projectClient.PatchStatusAsync(ObjectKey.From(resource), PatchType.Merge, patch.ToJsonString(), cancellationToken).ConfigureAwait(false));
    }

    private async Task<CpaasProject> EnsureFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        var finalizers = resource.Metadata.Finalizers ?? [];
        if (finalizers.Contains(WellKnownNames.Finalizer))
        {
            return resource;
        }

        var patch = GuardedPatch(resource, "add", "/metadata/finalizers", new JsonArray([.. finalizers.Append(WellKnownNames.Finalizer).Select(f => JsonValue.Create(f))]));
        return FoldIn(resource, await projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Json, patch, cancellationToken).ConfigureAwait(false));
    }

    private async Task<CpaasProject> RemoveFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        var remaining = (resource.Metadata.Finalizers ?? []).Where(f => f != WellKnownNames.Finalizer).ToList();
        var patch = GuardedPatch(resource, "replace", "/metadata/finalizers", new JsonArray([.. remaining.Select(f => JsonValue.Create(f))]));
        return FoldIn(resource, await projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Json, patch, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Written with a resourceVersion test: if another reconcile acted meanwhile, this one stops with 409.</summary>
    private async Task<CpaasProject> WriteMarkerAsync(CpaasProject resource, PendingCreateMarker marker, CancellationToken cancellationToken)
    {
        var annotations = new JsonObject();
        foreach (var (k, v) in resource.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            annotations[k] = v;
        }

        annotations[WellKnownNames.Annotations.PendingCreate] = marker.Format();
        var patch = GuardedPatch(resource, "add", "/metadata/annotations", annotations);
        return FoldIn(resource, await projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Json, patch, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Idempotent (merge patch with null): removing our own annotation needs no precondition.</summary>
    private async Task<CpaasProject> ClearMarkerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        if (resource.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) != true)
        {
            return resource;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = null } },
        };
        return FoldIn(resource, await projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Merge, patch.ToJsonString(), cancellationToken).ConfigureAwait(false));
    }

    private static string GuardedPatch(CpaasProject resource, string op, string path, JsonNode value)
    {
        var operations = new JsonArray
        {
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = resource.Metadata.ResourceVersion },
            new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value },
        };
        return operations.ToJsonString(JsonSerializerOptions.Default);
    }
}
