using Controller.Runtime.Events;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Reconciliation.Fakes;

/// <summary>Collects the events the reconciler records, as "Type Reason: message".</summary>
internal sealed class FakeEvents : IEventRecorder
{
    public List<string> Recorded { get; } = [];

    public IEnumerable<string> Reasons => Recorded.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]);

    public void Record(IKubernetesObject<V1ObjectMeta> obj, EventType type, string reason, string message, string? action = null) =>
        Recorded.Add($"{type} {reason}: {message}");
}
