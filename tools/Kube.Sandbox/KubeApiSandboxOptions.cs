using Microsoft.Extensions.Logging;

namespace Kube.Sandbox;

/// <summary>Settings of a <see cref="KubeApiSandbox"/>.</summary>
public sealed record KubeApiSandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where the CA (ca.crt, ca.key), the server certificate and the admin kubeconfig are written.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Logging for the sandbox and its Kestrel host; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How often a watch with allowWatchBookmarks=true gets a BOOKMARK event.</summary>
    public TimeSpan WatchBookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many changes the event log keeps; watches from older resourceVersions get 410 Gone.</summary>
    public int CompactionWindow { get; init; } = 5000;

    /// <summary>How long a terminating namespace waits before its contents are deleted (the namespace controller's lag).</summary>
    public TimeSpan NamespaceCleanupDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where the audit log is appended (kube-apiserver's --audit-log-path: one audit.k8s.io/v1 Event per line);
    /// null keeps it in memory only (<see cref="KubeApiSandbox.Audit"/>).
    /// </summary>
    public string? AuditLogPath { get; init; }

    /// <summary>How many audit events <see cref="KubeApiSandbox.Audit"/> keeps in memory (the newest; the file keeps all).</summary>
    public int AuditEventsKept { get; init; } = 10_000;

    /// <summary>Clock for timestamps, ages and bookmark timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
