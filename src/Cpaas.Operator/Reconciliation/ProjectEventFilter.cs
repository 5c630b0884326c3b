using Controller.Runtime.Predicates;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Which CpaasProject updates wake the reconciler: every change a user or another controller makes (generation,
/// annotations, labels, finalizers, deletion), but not the reconciler's own bookkeeping: the pending-create marker
/// coming or going, and its finalizer being added. The reconciler writes the marker before a POST add and removes it
/// when the POST certainly failed; were those writes to wake it, a create failing for a reason only time or a person
/// fixes (rejected credentials, a refused request) would run again at once, one POST per loop, never reaching its
/// retry interval. A person removing the marker as an AmbiguousProject message asks still wakes it
/// (docs/decisions/0072-own-bookkeeping-does-not-wake-the-reconciler.md).
/// </summary>
public static class ProjectEventFilter
{
    public static EventPredicate Instance { get; } = EventPredicate.Or(
        Predicates.GenerationOrMetadataChangedExcept([WellKnownNames.Annotations.PendingCreate], [WellKnownNames.Finalizer]),
        new EventPredicate(create: _ => false, update: MarkerRemovedWhileAmbiguous, delete: _ => false));

    private static bool MarkerRemovedWhileAmbiguous(IKubernetesObject<V1ObjectMeta> before, IKubernetesObject<V1ObjectMeta> after) =>
        HasMarker(before) && !HasMarker(after) &&
        after is CpaasProjectSummary { Status.Conditions: { } conditions } &&
        ConditionList.Find(conditions, WellKnownNames.ConditionTypes.Synced)?.Reason == WellKnownNames.Reasons.AmbiguousProject;

    private static bool HasMarker(IKubernetesObject<V1ObjectMeta> resource) =>
        resource.Metadata?.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) == true;
}
