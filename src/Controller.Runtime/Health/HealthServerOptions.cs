namespace Controller.Runtime.Health;

/// <summary>Where the probes and metrics listen (Kestrel URLs such as "http://0.0.0.0:8081"; port 0 picks a free port).</summary>
public sealed record HealthServerOptions
{
    /// <summary>Serves /healthz and /readyz.</summary>
    public string ProbeAddress { get; init; } = "http://0.0.0.0:8081";

    /// <summary>Serves /metrics; null, or the same address as <see cref="ProbeAddress"/>, serves it on the probe listener.</summary>
    public string? MetricsAddress { get; init; } = "http://0.0.0.0:8080";
}
