using Controller.Runtime.Cache;
using Controller.Runtime.Events;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The I/O edges of the reconciler: what the operator process and the tests give it differently.</summary>
/// <param name="Projects">The CpaasProject cache (summaries).</param>
/// <param name="ProjectClient">Reads and writes CpaasProjects.</param>
/// <param name="ConnectionSecrets">The connection Secrets the operator writes.</param>
/// <param name="Gateway">The CPaaS calls.</param>
/// <param name="Events">Kubernetes events.</param>
/// <param name="Registry">Prometheus metrics.</param>
/// <param name="Time">The clock.</param>
/// <param name="Logs">Logging.</param>
public sealed record ReconcilerEdges(
    IReadOnlyCache<CpaasProject> Projects,
    IProjectClient ProjectClient,
    IConnectionSecretStore ConnectionSecrets,
    IProjectGateway Gateway,
    IEventRecorder Events,
    CollectorRegistry Registry,
    TimeProvider Time,
    ILoggerFactory Logs);

/// <summary>What the reconciler shares with the drift sweep: the inputs, the observe schedule and the updated_at memory.</summary>
public sealed record ReconcilerShared(InputResolver Inputs, ResyncSchedule Resync, ObserveSchedule ObserveSchedule, ProjectUpdatedAt UpdatedAt);

/// <summary>
/// The reconciler's object graph, built in this one place for the operator process and for the tests, which replace
/// only the edges (<see cref="ReconcilerEdges"/>). docs/ARCHITECTURE.md draws it.
/// </summary>
public static class ReconcilerGraph
{
    public static CpaasProjectReconciler Build(ReconcilerEdges edges, ReconcilerShared shared, ReconcilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(shared);
        options ??= new ReconcilerOptions();
        var time = edges.Time;
        var activity = new ActivityRecorder(edges.Events, new OperatorMetrics(edges.Registry), edges.Logs.CreateLogger<ActivityRecorder>());
        var metadata = new MetadataWriter(edges.ProjectClient, time);
        var claims = new ProjectClaims(edges.Projects);
        return new CpaasProjectReconciler(
            new ProjectLoader(edges.Projects, edges.ProjectClient),
            new ProjectFinalizer(
                new DeletionSuspender(edges.Gateway, shared.Inputs, claims, activity, new DeletionRetryWindow(options.DeletionRetryWindow, time)),
                metadata,
                new SuspendedForDeletionMemory(),
                activity),
            shared.Inputs,
            new ProjectProvisioner(edges.Gateway, metadata, claims, activity),
            new ProjectSynchronizer(edges.Gateway, new ObservePolicy(new ConvergedMemory(), shared.ObserveSchedule, edges.ConnectionSecrets), shared.UpdatedAt, activity),
            new ConnectionSecretPublisher(edges.ConnectionSecrets, activity),
            new StatusWriter(edges.ProjectClient, time, activity),
            new FailurePolicy(activity, new TerminalFailureMemory(), options, shared.Resync));
    }
}
