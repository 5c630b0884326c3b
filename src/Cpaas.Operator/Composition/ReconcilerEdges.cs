using Controller.Runtime.Cache;
using Controller.Runtime.Events;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Composition;

/// <summary>
/// What the reconcile reads from and writes to outside the process: the process connects these to the Kubernetes
/// API (through the manager's cache and clients) and to the CPaaS API, the tests to fakes. Everything else of the
/// reconciler is built from them by <see cref="ReconcilerComposition"/>.
/// </summary>
public sealed record ReconcilerEdges
{
    /// <summary>The CpaasProject summaries this process manages (the informer's cache).</summary>
    public required IReadOnlyCache<CpaasProjectSummary> Projects { get; init; }

    /// <summary>Reads and writes of CpaasProjects on the Kubernetes API.</summary>
    public required IProjectClient ProjectClient { get; init; }

    public required IConnectionSecretStore ConnectionSecrets { get; init; }

    public required IInputSecretSource InputSecrets { get; init; }

    /// <summary>The CPaaS API as the reconcile uses it (<see cref="ProjectGateway"/> over the CPaaS client).</summary>
    public required IProjectGateway Cpaas { get; init; }

    /// <summary>Kubernetes Events about the resources.</summary>
    public required IEventRecorder Events { get; init; }

    /// <summary>The default CPaaS credentials, read again on each use (they may change on disk).</summary>
    public required Func<ApiCredentials?> DefaultCredentials { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Uniform in [0, 1): the jitter of the resync schedule.</summary>
    public required Func<double> Random { get; init; }
}
