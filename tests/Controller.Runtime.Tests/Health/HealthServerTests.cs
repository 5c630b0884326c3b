using System.Net;
using Controller.Runtime.Health;

namespace Controller.Runtime.Tests.Health;

public sealed class HealthServerTests
{
    [Fact]
    public async Task Probes_and_metrics_are_served_on_their_own_addresses_and_readiness_lists_its_problems()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("test_counter_total", "a test counter").Inc();
        var ready = HealthReport.From(["cache secrets.v1 not synced", "watch widgets.v1.example.com failing"]);
        await using var server = new HealthServer(
            new HealthServerOptions { ProbeAddress = "http://127.0.0.1:0", MetricsAddress = "http://127.0.0.2:0" },
            () => HealthReport.Ok,
            () => ready,
            registry);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        Assert.NotEqual(server.ProbeUrl, server.MetricsUrl);
        Assert.Equal("ok\n", await http.GetStringAsync(new Uri(server.ProbeUrl!, "/healthz")));
        var notReady = await http.GetAsync(new Uri(server.ProbeUrl!, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("cache secrets.v1 not synced\nwatch widgets.v1.example.com failing\n", await notReady.Content.ReadAsStringAsync());
        Assert.Contains("test_counter_total 1", await http.GetStringAsync(new Uri(server.MetricsUrl!, "/metrics")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.ProbeUrl!, "/metrics"))).StatusCode);

        ready = HealthReport.Ok;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.ProbeUrl!, "/readyz"))).StatusCode);
        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_metrics_address_metrics_are_served_with_the_probes()
    {
        await using var server = new HealthServer(
            new HealthServerOptions { ProbeAddress = "http://127.0.0.1:0", MetricsAddress = null },
            () => HealthReport.Ok,
            () => HealthReport.Ok,
            Prometheus.Metrics.NewCustomRegistry());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        Assert.Equal(server.ProbeUrl, server.MetricsUrl);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.ProbeUrl!, "/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.ProbeUrl!, "/readyz"))).StatusCode);
    }
}
