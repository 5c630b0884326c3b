using Controller.Runtime;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Decides whether a reconcile of an existing project must observe it (one GET) or can end without any CPaaS
/// call (docs/RECONCILE.md, "What never happens"): not when this process converged the resource and nothing changed
/// since (generation, write-only inputs, rotation token, connection Secret version) and its observe is not due;
/// nor, right after a start, for a resource whose status shows it converged: its first check is spread over one
/// interval instead of bursting.
/// </summary>
public sealed class ObservePolicy(ConvergedMemory converged, ObserveSchedule schedule, IConnectionSecretStore secrets)
{
    /// <summary>Null: observe now. Otherwise the time until the next observe is due.</summary>
    public async Task<TimeSpan?> TimeUntilObserveAsync(CpaasProject resource, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        var key = ObjectKey.From(resource);
        var secretName = resource.EffectiveConnectionSecretName();
        var secret = await secrets.GetAsync(new ObjectKey(resource.Metadata.NamespaceProperty, secretName), cancellationToken);
        if (converged.TryGet(key, out var known))
        {
            return known.Matches(resource.Metadata.Generation, desired.InputHashes, resource.Spec.ApiKeyRotation?.RequestedAt, secretName, secret?.Metadata?.ResourceVersion)
                ? schedule.TimeUntilDue(key)
                : null;
        }

        if (!StatusComposer.IsConverged(resource) ||
            desired.WriteOnlyInputsChangedSince(AppliedInputHashesStatus.Read(resource.Status)) ||
            KeyRotator.IsRequested(resource) ||
            resource.Status?.ConnectionSecretName != secretName ||
            !ConnectionSecret.LooksCurrent(secret, resource))
        {
            return null;
        }

        converged.Record(key, StateOf(resource, desired, secret));
        return schedule.ScheduleFirstAfterStart(key);
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
