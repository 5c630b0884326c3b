using System.Globalization;
using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>
/// Decides, without I/O, whether an event is dropped (per-object token bucket), created, or aggregated into an
/// Event already written within the window (count + 1). Remembers a bounded number of entries (LRU).
/// Not thread-safe: the recorder's single sender loop owns it.
/// </summary>
public sealed class EventCorrelator
{
    private readonly EventRecorderOptions options;
    private readonly TimeProvider time;
    private readonly LruCache<EventAggregationKey, Written> written;
    private readonly LruCache<EventSpamKey, Bucket> buckets;
    private long sequence;

    public EventCorrelator(EventRecorderOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        written = new LruCache<EventAggregationKey, Written>(options.CacheSize);
        buckets = new LruCache<EventSpamKey, Bucket>(options.CacheSize);
    }

    public EventDecision Decide(V1ObjectReference involved, EventType type, string reason, string message, string? action)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = time.GetUtcNow();
        var spamKey = new EventSpamKey(options.ReportingController, options.ReportingInstance, involved.ApiVersion, involved.Kind, involved.NamespaceProperty, involved.Name, involved.Uid);
        if (!TakeToken(spamKey, now))
        {
            return new EventDecision.Drop();
        }

        var typeName = type.ToString();
        var key = new EventAggregationKey(
            options.ReportingController, options.ReportingInstance, involved.ApiVersion, involved.Kind,
            involved.NamespaceProperty, involved.Name, involved.Uid, typeName, reason, message, action);
        if (written.TryGet(key, out var previous) && now - previous.LastSeen < options.AggregationWindow)
        {
            var count = previous.Count + 1;
            written.Set(key, previous with { Count = count, LastSeen = now });
            return new EventDecision.Update(key, previous.Namespace, previous.Name, count, now.UtcDateTime);
        }

        var eventNamespace = string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{involved.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000) + (Interlocked.Increment(ref sequence) % 1_000_000):x}");
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = eventNamespace },
            InvolvedObject = involved,
            Type = typeName,
            Reason = reason,
            Message = message,
            Action = action,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = options.ReportingController, Host = options.ReportingInstance },
            ReportingComponent = options.ReportingController,
            ReportingInstance = options.ReportingInstance,
        };
        return new EventDecision.Create(key, ev);
    }

    /// <summary>The event was created: later identical events aggregate into it.</summary>
    public void Created(EventAggregationKey key, Corev1Event ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        written.Set(key, new Written(ev.Metadata.NamespaceProperty, ev.Metadata.Name, ev.Count ?? 1, time.GetUtcNow()));
    }

    /// <summary>The event to aggregate into is gone (expired by the API server): the next one creates a new Event.</summary>
    public void Forget(EventAggregationKey key) => written.Remove(key);

    private bool TakeToken(EventSpamKey key, DateTimeOffset now)
    {
        var bucket = buckets.TryGet(key, out var existing) ? existing : new Bucket(options.PerObjectBurst, now);
        var refilled = (now - bucket.LastRefill).Ticks / (double)options.PerObjectRefillInterval.Ticks;
        var tokens = Math.Min(options.PerObjectBurst, bucket.Tokens + refilled);
        if (tokens < 1)
        {
            buckets.Set(key, new Bucket(tokens, now));
            return false;
        }

        buckets.Set(key, new Bucket(tokens - 1, now));
        return true;
    }

    private sealed record Written(string Namespace, string Name, int Count, DateTimeOffset LastSeen);

    private sealed record Bucket(double Tokens, DateTimeOffset LastRefill);
}
