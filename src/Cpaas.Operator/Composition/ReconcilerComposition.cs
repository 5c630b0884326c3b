using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cpaas.Operator.Composition;

/// <summary>
/// Builds the reconciler and its collaborators (docs/decisions/0020-reconcile-collaborators.md): the one place
/// their constructors are called, by the operator process (<see cref="OperatorComposition"/>) and by the tests'
/// reconciler world alike, which differ only in their <see cref="ReconcilerEdges"/>
/// (docs/decisions/0069-runnables-and-composition-root.md).
/// </summary>
public static class ReconcilerComposition
{
    /// <param name="edges">The I/O the reconcile goes through.</param>
    /// <param name="settings">The operator's settings the graph needs.</param>
    /// <param name="missedDrift">
    /// Told when a full observe found drift that the project's updated_at did not show (the drift sweep's
    /// <c>UpdatedAtTrust</c>, built before the reconciler).
    /// </param>
    /// <param name="registry">Where the reconcile's metrics are registered.</param>
    /// <param name="loggerFactory">The operator's logging.</param>
    public static ReconcilerGraph Build(
        ReconcilerEdges edges,
        ReconcilerSettings settings,
        Action<CpaasAccount> missedDrift,
        CollectorRegistry registry,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(missedDrift);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var time = edges.Time;
        var projects = edges.Projects;
        var projectClient = edges.ProjectClient;
        var connectionSecrets = edges.ConnectionSecrets;
        var gateway = edges.Cpaas;
        var inputs = new InputResolver(edges.InputSecrets, edges.DefaultCredentials, settings.MayUseDefaultAccount, settings.CpaasBaseUrl);
        var resync = new ResyncSchedule(settings.ResyncInterval, settings.ResyncJitter, edges.Random);
        var observeSchedule = new ObserveSchedule(resync, time);
        var updatedAt = new ProjectUpdatedAt(time, missedDrift);

        var options = new ReconcilerOptions();
        var activity = new ActivityRecorder(edges.Events, new OperatorMetrics(registry), loggerFactory.CreateLogger<ActivityRecorder>());
        var metadata = new MetadataWriter(projectClient, time);
        var claims = new ProjectClaims(projects);
        var reconciler = new CpaasProjectReconciler(
            new ProjectLoader(projects, projectClient),
            new ProjectFinalizer(
                new DeletionSuspender(gateway, inputs, claims, activity, new DeletionRetryWindow(options.DeletionRetryWindow, time)),
                metadata,
                new SuspendedForDeletionMemory(),
                activity),
            inputs,
            new ProjectProvisioner(gateway, metadata, claims, activity),
            new ProjectSynchronizer(gateway, new ObservePolicy(new ConvergedMemory(), observeSchedule, connectionSecrets), updatedAt, activity),
            new ConnectionSecretPublisher(connectionSecrets, activity),
            new StatusWriter(projectClient, time, activity),
            new FailurePolicy(activity, new TerminalFailureMemory(), options, resync));
        return new ReconcilerGraph(reconciler, inputs, observeSchedule, updatedAt);
    }
}
