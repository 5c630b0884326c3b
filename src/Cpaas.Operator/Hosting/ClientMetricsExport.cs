using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cpaas.Client.Diagnostics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// Publishes the CPaaS client's meter (<c>Cpaas.Client</c>) in the operator's prometheus-net registry:
/// <c>cpaas_client_requests_total</c>, <c>cpaas_client_request_duration_seconds</c> and
/// <c>cpaas_client_attempts_total</c>, labelled by the measurements' tags. Counters stay counters and histograms keep the
/// instrument's bucket advice. prometheus-net's own MeterAdapter connected these instruments but exported no series
/// (8.2.1, custom registry; measurements were seen by a plain MeterListener), so the few instruments are bridged here.
/// Only meters of the given factory are listened to: a MeterListener sees every meter in the process.
/// </summary>
public sealed partial class ClientMetricsExport : IDisposable
{
    private const string Prefix = "cpaas_client_";
    private static readonly double[] DefaultBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Instrument, Counter> _counters = new();
    private readonly ConcurrentDictionary<Instrument, Histogram> _histograms = new();

    private ClientMetricsExport(CollectorRegistry registry, IMeterFactory meterFactory, ILogger logger)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _logger = logger;
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CpaasClientMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public static ClientMetricsExport Start(CollectorRegistry registry, IMeterFactory meterFactory, ILogger logger) =>
        new(registry, meterFactory, logger);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Label names in a fixed order, whatever order the tags came in.
        var sorted = tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        var labelValues = sorted.Select(t => t.Value?.ToString() ?? string.Empty).ToArray();
        try
        {
            switch (instrument)
            {
                case Histogram<double> histogram:
                    _histograms.GetOrAdd(instrument, _ => _factory.CreateHistogram(Prefix + instrument.Name, instrument.Description ?? instrument.Name, new HistogramConfiguration
                    {
                        LabelNames = [.. sorted.Select(t => t.Key)],
                        Buckets = histogram.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBuckets,
                    })).WithLabels(labelValues).Observe(value);
                    break;
                case Counter<long> or Counter<double>:
                    _counters.GetOrAdd(instrument, _ => _factory.CreateCounter(Prefix + instrument.Name, instrument.Description ?? instrument.Name, [.. sorted.Select(t => t.Key)]))
                        .WithLabels(labelValues).Inc(value);
                    break;
                default:
                    break;
            }
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            // A measurement callback must never fail the client call that recorded it.
            LogDropped(instrument.Name, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measurement of {Instrument} not exported: {Reason}")]
    private partial void LogDropped(string instrument, string reason);
}
