namespace Controller.Runtime.LeaderElection;

/// <summary>Leader election on a coordination.k8s.io/v1 Lease (client-go's defaults).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Off: this process is always the leader (single replica, local runs).</summary>
    public bool Enabled { get; init; } = true;

    public string LeaseName { get; init; } = "controller-leader";

    public string LeaseNamespace { get; init; } = "default";

    /// <summary>This candidate's identity; default: POD_NAME, else host name + "_" + process id.</summary>
    public string Identity { get; init; } = DefaultIdentity();

    /// <summary>How long a lease stays valid without renewal; non-leaders wait this long before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up when it could not renew for this long (must be below LeaseDuration).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between tries (acquire and renew).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After losing the lease: false keeps the process and tries to re-acquire; true ends the manager (the process exits).</summary>
    public bool ExitOnLeadershipLoss { get; init; }

    /// <summary>Clear the holder on graceful shutdown so that a successor takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public static string DefaultIdentity()
    {
        var pod = Environment.GetEnvironmentVariable("POD_NAME");
        return !string.IsNullOrWhiteSpace(pod) ? pod : $"{Environment.MachineName}_{Environment.ProcessId}";
    }

    internal void Validate()
    {
        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException("Leader election needs 0 < RetryPeriod < RenewDeadline < LeaseDuration.");
        }

        ArgumentException.ThrowIfNullOrEmpty(Identity);
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        ArgumentException.ThrowIfNullOrEmpty(LeaseNamespace);
    }
}
