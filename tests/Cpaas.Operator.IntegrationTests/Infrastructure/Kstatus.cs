using System.Text.Json.Nodes;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>What kstatus computes for a resource (sigs.k8s.io/cli-utils pkg/kstatus/status).</summary>
public enum KstatusStatus
{
    InProgress,
    Failed,
    Current,
    Terminating,
}

/// <summary>
/// A port (test code) of the generic rules of kstatus, sigs.k8s.io/cli-utils pkg/kstatus/status (Compute in
/// status.go, checkGenericProperties and checkGeneration in generic.go), which Flux's kustomize-controller
/// (<c>wait: true</c>, <c>dependsOn</c>) and <c>kubectl</c>-based tools apply to custom resources. In this order:
/// a deletion timestamp is Terminating; metadata.generation and status.observedGeneration both present and different
/// is InProgress; then the first condition, in list order, that is Reconciling=True (InProgress) or Stalled=True
/// (Failed) decides; otherwise (built-in kinds aside) the resource is Current, also when it has no status at all.
/// Works on the resource as unstructured JSON, as kstatus does.
/// </summary>
public static class Kstatus
{
    public static (KstatusStatus Status, string Message) Compute(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var metadata = resource["metadata"] as JsonObject;
        if (metadata?["deletionTimestamp"] is JsonValue deletion && !string.IsNullOrEmpty(deletion.ToString()))
        {
            return (KstatusStatus.Terminating, "Resource scheduled for deletion");
        }

        var status = resource["status"] as JsonObject;
        if (metadata?["generation"] is JsonValue generation && status?["observedGeneration"] is JsonValue observed &&
            generation.GetValue<long>() != observed.GetValue<long>())
        {
            return (KstatusStatus.InProgress, $"generation is {generation}, but latest observed generation is {observed}");
        }

        foreach (var condition in (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = condition["type"]?.GetValue<string>();
            var isTrue = condition["status"]?.GetValue<string>() == "True";
            var message = condition["message"]?.GetValue<string>() ?? "";
            if (type == "Reconciling" && isTrue)
            {
                return (KstatusStatus.InProgress, message);
            }

            if (type == "Stalled" && isTrue)
            {
                return (KstatusStatus.Failed, message);
            }
        }

        return (KstatusStatus.Current, "Resource is current");
    }
}
