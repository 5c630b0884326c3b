using System.Globalization;

namespace Quickstart.Operator;

/// <summary>
/// Whether the operator has work queued or running, read from its Prometheus metrics (controller-runtime's names).
/// "Every sample Ready" only counts once the operator is also idle, so a reconcile still in flight cannot turn a
/// sample back to not Ready right after the quickstart declared success.
/// </summary>
internal static class OperatorActivity
{
    /// <summary>Queued plus in-flight reconciles, or null when the metrics are unreadable.</summary>
    public static async Task<double?> PendingWorkAsync(HttpClient http, Uri probeUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var text = await http.GetStringAsync(new Uri(probeUrl, "metrics"), ct);
            return PendingWork(text);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Sum of every workqueue_depth and controller_runtime_active_workers series; null when neither is there.</summary>
    public static double? PendingWork(string metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        double? total = null;
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith("workqueue_depth", StringComparison.Ordinal) && !line.StartsWith("controller_runtime_active_workers", StringComparison.Ordinal))
            {
                continue;
            }

            var name = line.Split('{', ' ')[0];
            if (name is not ("workqueue_depth" or "controller_runtime_active_workers"))
            {
                continue;
            }

            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                total = (total ?? 0) + number;
            }
        }

        return total;
    }
}
