using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Controller.Runtime.Health;

/// <summary>
/// Maps /healthz, /readyz and /metrics onto any ASP.NET Core endpoint builder, so the operator can mount them in
/// its own WebApplication instead of using <see cref="HealthServer"/>.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>/healthz (liveness) and /readyz (readiness): 200 "ok", or 503 with one problem per line.</summary>
    public static IEndpointRouteBuilder MapHealthProbes(
        this IEndpointRouteBuilder endpoints,
        Func<HealthReport> liveness,
        Func<HealthReport> readiness,
        string healthzPath = "/healthz",
        string readyzPath = "/readyz")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(readiness);
        // RequestDelegates, not minimal-API lambdas: no delegate inspection at run time (trimming and Native AOT).
        endpoints.MapGet(healthzPath, context => ToResult(liveness()).ExecuteAsync(context));
        endpoints.MapGet(readyzPath, context => ToResult(readiness()).ExecuteAsync(context));
        return endpoints;
    }

    /// <summary>/metrics in the Prometheus text format, from <paramref name="registry"/>.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, CollectorRegistry registry, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        endpoints.MapMetrics(path, registry);
        return endpoints;
    }

    private static IResult ToResult(HealthReport report) =>
        report.Healthy
            ? Results.Text("ok\n", "text/plain")
            : Results.Text(string.Join('\n', report.Problems) + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
}
