using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Writes status through the status subresource, only when it changed (docs/RECONCILE.md step 11). Called by
/// <see cref="CpaasProjectReconciler"/> only, with a composition of <see cref="StatusComposer"/>. Returns a new copy of
/// the resource (<see cref="WrittenProject"/>) and changes nothing it is given.
/// </summary>
public sealed class StatusWriter(IProjectClient client, TimeProvider time, ActivityRecorder activity)
{
    /// <summary>
    /// Writes the status <paramref name="compose"/> computes from the resource, unless it equals the current one.
    /// The status is computed whole by this operator, its only writer: on a conflict (the copy is older than the
    /// server's, for example after a write of this reconcile that failed midway) it is computed again from the
    /// server's latest status and written to that version (client-go's RetryOnConflict), so a CPaaS write just made
    /// is never repeated for a 409 and no status field written meanwhile is lost.
    /// </summary>
    public async Task<CpaasProject> WriteAsync(CpaasProject resource, Func<CpaasProject, DateTime, CpaasProjectStatus> compose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(compose);
        var current = resource;
        var metadata = resource.Metadata;
        for (var attempt = 1; ; attempt++)
        {
            var status = compose(current, Now());
            if (ReferenceEquals(current.Status, status) || SameStatus(current.Status, status))
            {
                return current;
            }

            var request = new CpaasProject { ApiVersion = resource.ApiVersion, Kind = resource.Kind, Metadata = metadata, Spec = resource.Spec, Status = status };
            try
            {
                return WrittenProject.From(resource, await client.ReplaceStatusAsync(request, cancellationToken));
            }
            catch (KubeApiException error) when (error.IsConflict && attempt < 3)
            {
                var latest = await client.GetAsync(ObjectKey.From(resource), cancellationToken);
                if (latest is null || latest.Metadata.Uid != resource.Metadata.Uid)
                {
                    throw;
                }

                // The decided spec and generation, the server's status and version.
                metadata = latest.Metadata;
                current = new CpaasProject { ApiVersion = resource.ApiVersion, Kind = resource.Kind, Metadata = resource.Metadata, Spec = resource.Spec, Status = latest.Status };
            }
        }
    }

    /// <summary>
    /// status.appId right after the POST (or an adoption): a merge patch without precondition, since nothing else
    /// writes it, tried a few times on a conflict. The key of a project this resource created or adopts was never
    /// handed out, so a rotation token already in the spec is recorded as handled (no reset_key for it).
    /// </summary>
    public async Task<CpaasProject> RecordAppIdAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var status = new JsonObject
        {
            ["appId"] = appId,
            ["customerId"] = resource.Spec.CustomerId,
        };
        if (resource.Spec.ApiKeyRotation?.RequestedAt is { } token)
        {
            status["lastRotationToken"] = token;
        }

        var patch = new JsonObject { ["status"] = status }.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return WrittenProject.From(resource, await client.PatchStatusAsync(ObjectKey.From(resource), PatchType.Merge, patch, cancellationToken));
            }
            catch (KubeApiException error) when (error.IsConflict && attempt < 3)
            {
                activity.Conflict(error.Reason);
            }
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static bool SameStatus(CpaasProjectStatus? a, CpaasProjectStatus? b) =>
        (a is null && b is null) ||
        (a is not null && b is not null && string.Equals(OperatorJson.Kube.Serialize(a), OperatorJson.Kube.Serialize(b), StringComparison.Ordinal));
}
