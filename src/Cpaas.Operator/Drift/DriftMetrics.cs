using Prometheus;

namespace Cpaas.Operator.Drift;

/// <summary>
/// The drift sweep's Prometheus metrics. The <c>account</c> label is the account's api_id (the Basic-auth user name,
/// not a secret; the client's logs name it too); accounts are few, so the label stays bounded.
/// </summary>
public sealed class DriftMetrics
{
    public DriftMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        Sweeps = factory.CreateCounter(
            "cpaas_operator_drift_sweeps_total", "Drift sweeps by account and result (complete, failed).", "account", "result");
        Pages = factory.CreateHistogram(
            "cpaas_operator_drift_sweep_pages", "List pages read per complete drift sweep.",
            new HistogramConfiguration { LabelNames = ["account"], Buckets = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000] });
        Findings = factory.CreateCounter(
            "cpaas_operator_drift_findings_total", "Managed projects a sweep found needing attention, by kind.", "account", "kind");
        FullList = factory.CreateGauge(
            "cpaas_operator_drift_sweep_full_list", "1 while an account's sweeps read every page (updated_at ordering unusable or unreliable).", "account");
        Fallbacks = factory.CreateCounter(
            "cpaas_operator_drift_sweep_fallbacks_total", "Accounts switched to full-list sweeps, by reason.", "account", "reason");
        MissedDrift = factory.CreateCounter(
            "cpaas_operator_sweep_missed_drift_total", "Drift found by a full observe that the sweep did not flag (updated_at had not moved).", "account");
        LastDuration = factory.CreateGauge(
            "cpaas_operator_drift_sweep_last_duration_seconds", "Duration of the account's last complete sweep.", "account");
        LastCompleted = factory.CreateGauge(
            "cpaas_operator_drift_sweep_last_complete_timestamp_seconds", "Unix time of the account's last complete sweep.", "account");
    }

    public Counter Sweeps { get; }

    public Histogram Pages { get; }

    public Counter Findings { get; }

    public Gauge FullList { get; }

    public Counter Fallbacks { get; }

    public Counter MissedDrift { get; }

    public Gauge LastDuration { get; }

    public Gauge LastCompleted { get; }
}
