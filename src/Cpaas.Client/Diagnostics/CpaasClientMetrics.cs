using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cpaas.Client.Diagnostics;

/// <summary>
/// Meter <c>Cpaas.Client</c>. prometheus-net publishes a .NET meter's instruments as
/// <c>{meter}_{instrument}</c>, so these appear as <c>cpaas_client_requests_total</c>,
/// <c>cpaas_client_request_duration_seconds</c> and <c>cpaas_client_attempts_total</c>.
/// </summary>
public sealed class CpaasClientMetrics
{
    public const string MeterName = "Cpaas.Client";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _attempts;

    public CpaasClientMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("requests_total", description: "CPaaS API calls by operation and result.");
        _duration = meter.CreateHistogram<double>(
            "request_duration_seconds",
            unit: "s",
            description: "Duration of CPaaS API calls (rate-limit waits and retries included) by operation and result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _attempts = meter.CreateCounter<long>("attempts_total", description: "HTTP attempts to the CPaaS API by operation and HTTP status (retries show as extra attempts).");
    }

    /// <summary>Records one finished call; <paramref name="result"/> is <c>success</c>, <c>canceled</c> or an error kind in snake_case.</summary>
    public void RecordCall(CpaasOperation operation, string result, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation.ToWireName() }, { "result", result } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records one HTTP attempt; <paramref name="status"/> is the HTTP status code or <c>error</c>.</summary>
    public void RecordAttempt(CpaasOperation operation, string status) =>
        _attempts.Add(1, new TagList { { "operation", operation.ToWireName() }, { "status", status } });
}
