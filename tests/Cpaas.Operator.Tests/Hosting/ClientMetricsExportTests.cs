using System.Diagnostics.Metrics;
using Cpaas.Client;
using Cpaas.Client.Diagnostics;
using Cpaas.Operator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Cpaas.Operator.Tests.Hosting;

public class ClientMetricsExportTests
{
    [Fact]
    public async Task A_recorded_client_call_shows_in_the_registry_under_its_prometheus_names()
    {
        await using var services = new ServiceCollection().AddCpaasClient().Services.BuildServiceProvider();
        var registry = Metrics.NewCustomRegistry();
        using var export = ClientMetricsExport.Start(registry, services.GetRequiredService<IMeterFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var metrics = services.GetRequiredService<CpaasClientMetrics>();
        metrics.RecordCall(CpaasOperation.AddProject, "success", TimeSpan.FromMilliseconds(25));
        metrics.RecordAttempt(CpaasOperation.AddProject, "200");
        metrics.RecordAttempt(CpaasOperation.AddProject, "200");

        var text = await Export(registry);
        Assert.Contains("cpaas_client_requests_total{operation=\"add_project\",result=\"success\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cpaas_client_attempts_total{operation=\"add_project\",status=\"200\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("cpaas_client_request_duration_seconds_count{operation=\"add_project\",result=\"success\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_hosts_client_in_the_same_process_is_not_counted()
    {
        await using var mine = new ServiceCollection().AddCpaasClient().Services.BuildServiceProvider();
        await using var other = new ServiceCollection().AddCpaasClient().Services.BuildServiceProvider();
        var registry = Metrics.NewCustomRegistry();
        using var export = ClientMetricsExport.Start(registry, mine.GetRequiredService<IMeterFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        other.GetRequiredService<CpaasClientMetrics>().RecordCall(CpaasOperation.GetProject, "success", TimeSpan.FromMilliseconds(5));
        mine.GetRequiredService<CpaasClientMetrics>().RecordCall(CpaasOperation.AddProject, "success", TimeSpan.FromMilliseconds(5));

        var text = await Export(registry);
        Assert.Contains("operation=\"add_project\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("operation=\"get_project\"", text, StringComparison.Ordinal);
    }

    private static async Task<string> Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
