namespace Controller.Runtime.Informers;

/// <summary>The kind-independent face of an informer, for the manager and readiness.</summary>
public interface IInformer
{
    /// <summary>A short description for logs and readiness output, e.g. "secrets.v1".</summary>
    string Description { get; }

    bool HasSynced { get; }

    /// <summary>True while every reflector is connected or has been failing for less than the unhealthy threshold.</summary>
    bool IsWatchHealthy { get; }

    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes with true once synced, false if cancelled first.</summary>
    Task<bool> WaitForSyncAsync(CancellationToken cancellationToken);
}
