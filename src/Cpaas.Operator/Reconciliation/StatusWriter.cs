using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Writes status through the status subresource, only when it changed (docs/RECONCILE.md step 12). Returns a new
/// copy of the resource (<see cref="WrittenProject"/>) and changes nothing it is given.
/// </summary>
public sealed class StatusWriter(IProjectClient client, TimeProvider time, ActivityRecorder activity)
{
    /// <summary>
    /// The converged status; status.observedUpdatedAt takes <see cref="Convergence.ProjectUpdatedAt"/> only when the
    /// status is written for another reason (no write of its own in the steady state).
    /// </summary>
    public Task<CpaasProject> WriteConvergedAsync(CpaasProject resource, Convergence result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteAsync(
            resource,
            current =>
            {
                var status = StatusComposer.Converged(current, result, Now());
                return SameStatus(current.Status, status) || result.ProjectUpdatedAt is null
                    ? status
                    : status with { ObservedUpdatedAt = result.ProjectUpdatedAt };
            },
            cancellationToken);
    }

    public Task<CpaasProject> WritePausedAsync(CpaasProject resource, CancellationToken cancellationToken) =>
        WriteAsync(resource, current => StatusComposer.Paused(current, Now()), cancellationToken);

    /// <param name="message">The problem's message, already scrubbed of secret values.</param>
    public Task<CpaasProject> WriteFailedAsync(CpaasProject resource, ReconcileProblem problem, string message, CancellationToken cancellationToken) =>
        WriteAsync(resource, current => StatusComposer.Failed(current, problem, message, Now()), cancellationToken);

    /// <summary>
    /// Writes the status <paramref name="compose"/> computes from the resource, unless it equals the current one.
    /// The status is computed whole by this operator, its only writer: on a conflict (the copy is older than the
    /// server's, for example after a write of this reconcile that failed midway) it is computed again from the
    /// server's latest status and written to that version (client-go's RetryOnConflict), so a CPaaS write just made
    /// is never repeated for a 409 and no status field written meanwhile is lost.
    /// </summary>
    public async Task<CpaasProject> WriteAsync(CpaasProject resource, Func<CpaasProject, CpaasProjectStatus> compose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(compose);
        var current = resource;
        var metadata = resource.Metadata;
        for (var attempt = 1; ; attempt++)
        {
            var status = compose(current);
            if (SameStatus(current.Status, status))
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
