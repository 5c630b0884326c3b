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

        // The status is computed whole by this operator, its only writer: on a conflict it is applied again to the
        // latest version (client-go's RetryOnConflict), so a CPaaS write just made is never repeated for a 409.
        var metadata = resource.Metadata;
        for (var attempt = 1; ; attempt++)
        {
            var request = new CpaasProject { ApiVersion = resource.ApiVersion, Kind = resource.Kind, Metadata = metadata, Spec = resource.Spec, Status = status };
            try
            {
                return FoldIn(resource, await _projectClient.ReplaceStatusAsync(request, cancellationToken));
            }
            catch (KubeApiException error) when (error.IsConflict && attempt < 3)
            {
                var latest = await _projectClient.GetAsync(ObjectKey.From(resource), cancellationToken);
                if (latest is null || latest.Metadata.Uid != resource.Metadata.Uid)
                {
                    throw;
                }

                metadata = latest.Metadata;
            }
        }
    }

    /// <summary>Takes the server's metadata and status into the reconcile's copy (the spec stays the one decided on).</summary>
    private static CpaasProject FoldIn(CpaasProject resource, CpaasProject written)
    {
        resource.Metadata = written.Metadata;
        resource.Status = written.Status;
        return resource;
    }

    /// <summary>
    /// status.appId right after the POST: a merge patch without precondition, since nothing else writes it, tried a
    /// few times on a conflict. Only once it is stored does the ledger vouch for the app id: if it never got there, the
    /// pending-create marker is still on the resource and the next reconcile finds the project by name and adopts it
    /// (waiting for a cache to show a write that failed would wait forever).
    /// </summary>
    private async Task<CpaasProject> RecordAppIdAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        var status = new JsonObject
        {
            ["appId"] = appId,
            ["customerId"] = resource.Spec.CustomerId,
        };
        if (resource.Spec.ApiKeyRotation?.RequestedAt is { } token)
        {
            // The key of a project this resource created (or adopts after an interrupted create) was never handed out:
            // a rotation token already in the spec counts as handled, so it causes no reset_key.
            status["lastRotationToken"] = token;
        }

        var patch = new JsonObject { ["status"] = status }.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                resource = FoldIn(resource, await _projectClient.PatchStatusAsync(ObjectKey.From(resource), PatchType.Merge, patch, cancellationToken));
                break;
            }
            catch (KubeApiException error) when (error.IsConflict && attempt < 3)
            {
                LogConflict(error.Reason);
            }
        }

        _ledger.RememberAppId(ObjectKey.From(resource), resource.Metadata.Uid, appId);
        return resource;
    }

    private async Task<CpaasProject> EnsureFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        var finalizers = resource.Metadata.Finalizers ?? [];
        if (finalizers.Contains(WellKnownNames.Finalizer))
        {
            return resource;
        }

        var patch = GuardedPatch(resource, "add", "/metadata/finalizers", new JsonArray([.. finalizers.Append(WellKnownNames.Finalizer).Select(f => JsonValue.Create(f))]));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    private async Task<CpaasProject> RemoveFinalizerAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        var remaining = (resource.Metadata.Finalizers ?? []).Where(f => f != WellKnownNames.Finalizer).ToList();
        var patch = GuardedPatch(resource, "replace", "/metadata/finalizers", new JsonArray([.. remaining.Select(f => JsonValue.Create(f))]));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    /// <summary>
    /// Written with a resourceVersion test: if another reconcile acted meanwhile, this one stops with 409. Only the
    /// marker's key is added: the cached annotations are trimmed (see ProjectCacheTransform) and must not replace the
    /// server's.
    /// </summary>
    private async Task<CpaasProject> WriteMarkerAsync(CpaasProject resource, PendingCreateMarker marker, CancellationToken cancellationToken)
    {
        var patch = resource.Metadata.Annotations is null
            ? GuardedPatch(resource, "add", "/metadata/annotations", new JsonObject { [WellKnownNames.Annotations.PendingCreate] = marker.Format() })
            : GuardedPatch(resource, "add", "/metadata/annotations/" + EscapeJsonPointer(WellKnownNames.Annotations.PendingCreate), JsonValue.Create(marker.Format()));
        return await SendGuardedAsync(resource, patch, cancellationToken);
    }

    private static string EscapeJsonPointer(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

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
        return FoldIn(resource, await _projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Merge, patch.ToJsonString(), cancellationToken));
    }

    /// <summary>
    /// Sends a patch guarded by a resourceVersion test. The API server answers a failed test with 422, not 409; both
    /// mean the same here (someone wrote first), so both surface as a conflict and the key is requeued.
    /// </summary>
    private async Task<CpaasProject> SendGuardedAsync(CpaasProject resource, string patch, CancellationToken cancellationToken)
    {
        try
        {
            return FoldIn(resource, await _projectClient.PatchAsync(ObjectKey.From(resource), PatchType.Json, patch, cancellationToken));
        }
        catch (KubeApiException error) when (error.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            throw new KubeApiException(System.Net.HttpStatusCode.Conflict, "Conflict", $"{resource.Metadata.Name} changed since it was read");
        }
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
