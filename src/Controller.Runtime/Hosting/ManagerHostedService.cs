using Microsoft.Extensions.Hosting;

namespace Controller.Runtime.Hosting;

/// <summary>
/// Runs a <see cref="Manager"/> inside a .NET host and stops the application when the manager ends on its own
/// (leadership lost with ExitOnLeadershipLoss, or a crash), so that Kubernetes restarts the pod.
/// </summary>
public sealed class ManagerHostedService(Manager manager, IHostApplicationLifetime lifetime) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manager);
        await manager.StartAsync(cancellationToken);
        _ = manager.Completion.ContinueWith(
            _ => lifetime.StopApplication(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken) => manager.StopAsync(cancellationToken);
}
