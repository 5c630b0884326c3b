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
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly LruCache<EventAggregationKey, Written> _written;
    private readonly LruCache<EventSpamKey, Bucket> _buckets;
    private long _sequence;

    public EventCorrelator(EventRecorderOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _written = new LruCache<EventAggregationKey, Written>(options.CacheSize);
        _buckets = new LruCache<EventSpamKey, Bucket>(options.CacheSize);
    }

    public EventDecision Decide(V1ObjectReference involved, EventType type, string reason, string message, string? action)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = _time.GetUtcNow();
        var spamKey = new EventSpamKey(_options.ReportingController, _options.ReportingInstance, involved.ApiVersion, involved.Kind, involved.NamespaceProperty, involved.Name, involved.Uid);
        if (!TakeToken(spamKey, now))
        {
            return new EventDecision.Drop();
        }

        var typeName = type.ToString();
        var key = new EventAggregationKey(
            _options.ReportingController, _options.ReportingInstance, involved.ApiVersion, involved.Kind,
            involved.NamespaceProperty, involved.Name, involved.Uid, typeName, reason, EventMessageDigest.Of(message), action);
        if (_written.TryGet(key, out var previous) && now - previous.LastSeen < _options.AggregationWindow)
        {
            var count = previous.Count + 1;
            _written.Set(key, previous with { Count = count, LastSeen = now });
            return new EventDecision.Update(key, previous.Namespace, previous.Name, count, now.UtcDateTime);
        }

        var eventNamespace = string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{involved.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000) + (Interlocked.Increment(ref _sequence) % 1_000_000):x}");
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
            Source = new V1EventSource { Component = _options.ReportingController, Host = _options.ReportingInstance },
            ReportingComponent = _options.ReportingController,
            ReportingInstance = _options.ReportingInstance,
        };
        return new EventDecision.Create(key, ev);
    }

    /// <summary>The event was created: later identical events aggregate into it.</summary>
    public void Created(EventAggregationKey key, Corev1Event ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        _written.Set(key, new Written(ev.Metadata.NamespaceProperty, ev.Metadata.Name, ev.Count ?? 1, _time.GetUtcNow()));
    }

    /// <summary>The event to aggregate into is gone (expired by the API server): the next one creates a new Event.</summary>
    public void Forget(EventAggregationKey key) => _written.Remove(key);

    private bool TakeToken(EventSpamKey key, DateTimeOffset now)
    {
        var bucket = _buckets.TryGet(key, out var existing) ? existing : new Bucket(_options.PerObjectBurst, now);
        var refilled = (now - bucket.LastRefill).Ticks / (double)_options.PerObjectRefillInterval.Ticks;
        var tokens = Math.Min(_options.PerObjectBurst, bucket.Tokens + refilled);
        if (tokens < 1)
        {
            _buckets.Set(key, new Bucket(tokens, now));
            return false;
        }

        _buckets.Set(key, new Bucket(tokens - 1, now));
        return true;
    }

    private sealed record Written(string Namespace, string Name, int Count, DateTimeOffset LastSeen);

    private sealed record Bucket(double Tokens, DateTimeOffset LastRefill);
}
