using Controller.Runtime.Health;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Serialization;

namespace Controller.Runtime.Hosting;

/// <summary>Settings of a <see cref="Manager"/>.</summary>
public sealed record ManagerOptions
{
    /// <summary>Namespaces every informer watches by default; null or empty: all namespaces.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    public LeaderElectionOptions LeaderElection { get; init; } = new() { Enabled = false };

    /// <summary>Where /healthz, /readyz and /metrics listen; null: no server (mount <see cref="HealthEndpoints"/> yourself).</summary>
    public HealthServerOptions? HealthServer { get; init; } = new();

    /// <summary>
    /// The JSON of every object the manager's clients read and write: give it the source-generated contexts of
    /// your custom resources and of the built-in kinds you watch or write. Default: the runtime's own types only.
    /// A manager built on a <see cref="Client.KubeApiTransport"/> uses the transport's JSON instead.
    /// </summary>
    public KubeJson Json { get; init; } = KubeJson.Default;

    /// <summary>
    /// Give memory back to the system (<see cref="MemoryRelease"/>): one aggressive garbage collection once every
    /// cache has synced, before the controllers start, and another whenever the process was quiet for a whole
    /// <see cref="MemoryReleaseInterval"/> after its committed memory grew. Off by default: a collection is
    /// process-wide, which only the process's owner should decide (a test host running many managers would pause
    /// every test).
    /// </summary>
    public bool ReleaseMemory { get; init; }

    /// <summary>How often the process checks whether memory should go back (<see cref="ReleaseMemory"/>).</summary>
    public TimeSpan MemoryReleaseInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping may take in total before in-flight work is abandoned.</summary>
    public TimeSpan GracefulShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
