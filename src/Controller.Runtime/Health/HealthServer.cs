using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Controller.Runtime.Health;

/// <summary>
/// A small Kestrel host for /healthz, /readyz and /metrics (one listener, or two when the metrics address differs).
/// </summary>
public sealed class HealthServer : IAsyncDisposable
{
    private readonly HealthServerOptions _options;
    private readonly Func<HealthReport> _liveness;
    private readonly Func<HealthReport> _readiness;
    private readonly CollectorRegistry _registry;
    private readonly List<WebApplication> _apps = [];

    public HealthServer(HealthServerOptions options, Func<HealthReport> liveness, Func<HealthReport> readiness, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(registry);
        _options = options;
        _liveness = liveness;
        _readiness = readiness;
        _registry = registry;
    }

    /// <summary>The bound probe address (with the real port), once started.</summary>
    public Uri? ProbeUrl { get; private set; }

    /// <summary>The bound metrics address (with the real port), once started.</summary>
    public Uri? MetricsUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var separateMetrics = _options.MetricsAddress is { } m && !string.Equals(m, _options.ProbeAddress, StringComparison.OrdinalIgnoreCase);
        var probe = Build(_options.ProbeAddress, probes: true, metrics: !separateMetrics);
        _apps.Add(probe);
        await probe.StartAsync(cancellationToken);
        ProbeUrl = BoundAddress(probe);
        MetricsUrl = ProbeUrl;
        if (separateMetrics)
        {
            var metricsApp = Build(_options.MetricsAddress!, probes: false, metrics: true);
            _apps.Add(metricsApp);
            await metricsApp.StartAsync(cancellationToken);
            MetricsUrl = BoundAddress(metricsApp);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var app in _apps)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        _apps.Clear();
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        // "http://0.0.0.0:1234" or "http://[::]:1234" is not a reachable host; callers on this machine use loopback.
        var uri = new Uri(first.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return uri;
    }

    private WebApplication Build(string address, bool probes, bool metrics)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address);
        var app = builder.Build();
        if (probes)
        {
            app.MapHealthProbes(_liveness, _readiness);
        }

        if (metrics)
        {
            app.MapPrometheusMetrics(_registry);
        }

        return app;
    }
}
