using Controller.Runtime;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Decides whether a reconcile of an existing project must observe it (one GET) or can end without any CPaaS
/// call (docs/RECONCILE.md, "What never happens"): not when this process converged the resource and nothing changed
/// since (generation, write-only inputs, rotation token, connection Secret version), no reconcile was requested and its
/// observe is not due;
/// nor, right after a start, for a resource whose status shows it converged: its first check is spread over one
/// interval instead of bursting.
/// </summary>
public sealed class ObservePolicy(ConvergedMemory converged, ObserveSchedule schedule, IConnectionSecretStore secrets)
{
    /// <summary>
    /// Whether to observe now, and if so whether it is a periodic full observe (nothing changed, its check is due:
    /// low priority, docs/decisions/0041-priority-rate-budget.md) or one a change or a sweep finding asks for.
    /// </summary>
    public async Task<ObserveDecision> DecideAsync(CpaasProject resource, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        var key = ObjectKey.From(resource);
        var secretName = resource.EffectiveConnectionSecretName();
        var secret = await secrets.GetAsync(new ObjectKey(resource.Metadata.NamespaceProperty, secretName), cancellationToken);

        // Taken before anything else: every path below observes when it was requested, and a request made from now
        // on (a sweep finding while this reconcile runs) stays for the next reconcile.
        var requested = schedule.TakeRequest(key);
        if (ReconcileRequest.IsPending(resource))
        {
            return ObserveDecision.Now;
        }

        if (converged.TryGet(key, out var known))
        {
            if (!known.Matches(resource.Metadata.Generation, desired.InputHashes, resource.Spec.ApiKeyRotation?.RequestedAt, secretName, secret?.Metadata?.ResourceVersion))
            {
                return ObserveDecision.Now;
            }

            return requested switch
            {
                ObserveReason.Drift => ObserveDecision.Now,
                ObserveReason.Check => ObserveDecision.Check,
                _ => schedule.TimeUntilDue(key) is { } wait ? ObserveDecision.After(wait) : ObserveDecision.Periodic,
            };
        }

        if (!StatusComposer.IsConverged(resource) ||
            (resource.IsManaged() && desired.WriteOnlyInputsChangedSince(AppliedInputStatusCodec.Read(resource.Status))) ||
            (resource.IsManaged() && KeyRotation.IsRequested(resource)) ||
            resource.Status?.ConnectionSecretName != secretName ||
            !ConnectionSecret.LooksCurrent(secret, resource))
        {
            return ObserveDecision.Now;
        }

        converged.Record(key, StateOf(resource, desired, secret));

        // A sweep finding right after a start asks for an observe before this process knew the resource.
        return requested switch
        {
            ObserveReason.Drift => ObserveDecision.Now,
            ObserveReason.Check => ObserveDecision.Check,
            _ => ObserveDecision.After(schedule.ScheduleFirstAfterStart(key)),
        };
    }

    /// <summary>Remembers what the resource converged to and schedules its next observe; returns the delay until then.</summary>
    public TimeSpan RecordConverged(CpaasProject resource, DesiredProject desired, V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        var key = ObjectKey.From(resource);
        converged.Record(key, StateOf(resource, desired, secret));
        return schedule.ScheduleNext(key);
    }

    /// <summary>
    /// The connection Secret's resourceVersion as this process last converged the resource with: if the Secret is
    /// still that version, nobody wrote it since, so a project key that differs from it changed on the CPaaS side.
    /// </summary>
    public string? ConvergedSecretVersion(ObjectKey key) => converged.TryGet(key, out var known) ? known.SecretVersion : null;

    /// <summary>The next reconcile observes (after a failure, a pause, or when the resource goes).</summary>
    public void Forget(ObjectKey key)
    {
        converged.Forget(key);
        schedule.Forget(key);
    }

    private static ConvergedState StateOf(CpaasProject resource, DesiredProject desired, V1Secret? secret) => ConvergedState.Of(
        resource.Metadata.Generation,
        desired.InputHashes,
        resource.Spec.ApiKeyRotation?.RequestedAt,
        resource.EffectiveConnectionSecretName(),
        secret?.Metadata?.ResourceVersion);
}
