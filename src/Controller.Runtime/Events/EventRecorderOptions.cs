namespace Controller.Runtime.Events;

/// <summary>Settings of an <see cref="EventRecorder"/>.</summary>
public sealed record EventRecorderOptions
{
    /// <summary>reportingController and source.component, e.g. "cpaas.enablex.io/operator".</summary>
    public required string ReportingController { get; init; }

    /// <summary>reportingInstance and source.host: the pod name or host name.</summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    /// <summary>Applied to every message; null keeps messages as they are.</summary>
    public IMessageSanitizer? Sanitizer { get; init; }

    /// <summary>The same object, type, reason and message within this window updates the existing Event's count.</summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events one object may emit at once (token bucket burst, client-go: 25).</summary>
    public int PerObjectBurst { get; init; } = 25;

    /// <summary>One more event per object per this interval (client-go: 5 minutes).</summary>
    public TimeSpan PerObjectRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Events waiting to be sent; beyond this new events are dropped (never block the reconciler).</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>How many distinct aggregation and rate-limit entries are remembered (least recently used are evicted).</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>Messages longer than this are truncated (the API's limit for event notes).</summary>
    public int MaxMessageLength { get; init; } = 1024;
}
