using System.Threading.Channels;
using Controller.Runtime.Client;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controller.Runtime.Events;

/// <summary>
/// Queues events without blocking and sends them from one background loop (<see cref="RunAsync"/>), through the
/// <see cref="EventCorrelator"/> (rate limit, aggregation). Any failure is logged and the event dropped.
/// </summary>
public sealed class EventRecorder : IEventRecorder
{
    private readonly IEventSink _sink;
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly EventCorrelator _correlator;
    private readonly Channel<Pending> _pending;

    public EventRecorder(IEventSink sink, EventRecorderOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        _sink = sink;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _correlator = new EventCorrelator(options, timeProvider);
        _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            // Wait mode makes TryWrite answer false when full (DropWrite would report success), so drops are counted.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Events sent (created or aggregated) so far; for tests and diagnostics.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Events dropped (queue full, rate limited, or the API refused them).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private long _sent;
    private long _dropped;

    public void Record(IKubernetesObject<V1ObjectMeta> obj, EventType type, string reason, string message, string? action = null)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(obj);
            var clean = _options.Sanitizer is { } sanitizer ? sanitizer.Sanitize(message ?? string.Empty) : message ?? string.Empty;
            if (clean.Length > _options.MaxMessageLength)
            {
                clean = clean[..(_options.MaxMessageLength - 3)] + "...";
            }

            var involved = new V1ObjectReference
            {
                ApiVersion = obj.ApiVersion,
                Kind = obj.Kind,
                NamespaceProperty = obj.Metadata?.NamespaceProperty,
                Name = obj.Metadata?.Name,
                Uid = obj.Metadata?.Uid,
                ResourceVersion = obj.Metadata?.ResourceVersion,
            };
            if (!_pending.Writer.TryWrite(new Pending(involved, type, reason, clean, action)))
            {
                Interlocked.Increment(ref _dropped);
                _logger.LogWarning("Event queue full or closed; dropping event {Reason} for {Kind} {Name}", reason, obj.Kind, obj.Metadata?.Name);
            }
        }
#pragma warning disable CA1031 // Recording an event must never fail the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
            _logger.LogWarning(e, "Could not record event {Reason}", reason);
        }
    }

    /// <summary>Sends queued events until cancelled; then sends what is already queued for a short while (best effort).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_pending.Reader.TryRead(out var item))
                {
                    await SendAsync(item, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Stops accepting events; <see cref="RunAsync"/> ends once the queue is empty.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    private async Task SendAsync(Pending item, CancellationToken cancellationToken)
    {
        var decision = _correlator.Decide(item.Involved, item.Type, item.Reason, item.Message, item.Action);
        try
        {
            switch (decision)
            {
                case EventDecision.Drop:
                    Interlocked.Increment(ref _dropped);
                    _logger.LogDebug("Event {Reason} for {Kind} {Name} dropped by the per-object rate limit", item.Reason, item.Involved.Kind, item.Involved.Name);
                    return;
                case EventDecision.Update update:
                    try
                    {
                        await _sink.UpdateCountAsync(update.Namespace, update.Name, update.Count, update.LastTimestamp, cancellationToken);
                        Interlocked.Increment(ref _sent);
                        return;
                    }
                    catch (KubeApiException e) when (e.IsNotFound)
                    {
                        // The Event expired on the server: start a new one.
                        _correlator.Forget(update.Key);
                        decision = _correlator.Decide(item.Involved, item.Type, item.Reason, item.Message, item.Action);
                        if (decision is not EventDecision.Create)
                        {
                            return;
                        }

                        break;
                    }
            }

            if (decision is EventDecision.Create create)
            {
                await _sink.CreateAsync(create.Event, cancellationToken);
                _correlator.Created(create.Key, create.Event);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An event that cannot be written is logged and dropped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
            _logger.LogWarning(e, "Could not write event {Reason} for {Kind} {Name}; dropped", item.Reason, item.Involved.Kind, item.Involved.Name);
        }
    }

    private sealed record Pending(V1ObjectReference Involved, EventType Type, string Reason, string Message, string? Action);
}
