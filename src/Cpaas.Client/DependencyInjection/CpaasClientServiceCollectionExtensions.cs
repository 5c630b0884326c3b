using Cpaas.Client;
using Cpaas.Client.Api;
using Cpaas.Client.Diagnostics;
using Cpaas.Client.Http;
using Cpaas.Client.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly.Telemetry;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

public static class CpaasClientServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client behind <see cref="ICpaasProjectsApi"/>.</summary>
    public const string HttpClientName = "Cpaas.Client";

    /// <summary>
    /// Registers <see cref="ICpaasClient"/> (singleton) and the Refit <see cref="ICpaasProjectsApi"/> with their
    /// HTTP pipeline, outermost first: total timeout and retries (idempotent operations only), per-account token
    /// bucket, per-attempt timeout, attempt accounting, account address, Basic auth, User-Agent. The default
    /// HTTP client loggers are removed (they would log URLs and headers); the client logs its own lines. The resilience
    /// pipelines' telemetry logs an ordinary attempt at Debug, retries and failures at Warning or above.
    /// </summary>
    /// <returns>The HTTP client builder, for example to replace the primary handler in tests.</returns>
    public static IHttpClientBuilder AddCpaasClient(this IServiceCollection services, Action<CpaasClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CpaasClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpaasClientOptions>, CpaasClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<CpaasClientMetrics>();
        services.TryAddSingleton<CpaasRateLimiterRegistry>();
        services.TryAddTransient<CpaasRateLimitHandler>();
        services.TryAddTransient<CpaasAttemptHandler>();
        services.TryAddTransient<CpaasAddressHandler>();
        services.TryAddTransient<CpaasAuthenticationHandler>();
        services.TryAddTransient<UserAgentHandler>();
        services.TryAddSingleton<ICpaasClient, CpaasClient>();
        services.Configure<TelemetryOptions>(static telemetry =>
        {
            var previous = telemetry.SeverityProvider;
            telemetry.SeverityProvider = args => CpaasResilience.Severity(args, previous);
        });

        var settings = new RefitSettings(SystemTextJsonContentSerializer.ForContext(CpaasJsonContext.Default))
        {
            // Buffered bodies can be sent again by a retry.
            Buffered = true,
            // Refit keeps the live request on its exceptions; make sure no Authorization header rides along.
            ExceptionRedactor = static exception =>
            {
                if (exception.RequestMessage is { } request)
                {
                    request.Headers.Authorization = null;
                }
            },
        };

        var builder = services
            .AddRefitGeneratedClient<ICpaasProjectsApi>(settings, HttpClientName)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = CpaasAddressHandler.PlaceholderBaseAddress;
                // Timeouts are the resilience pipeline's job.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers()
            // One long-lived handler (ICpaasClient is a singleton); DNS changes are picked up by recycling connections.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        builder.AddResilienceHandler(CpaasResilience.RetryPipelineName, static (pipeline, context) =>
        {
            context.EnableReloads<CpaasClientOptions>();
            CpaasResilience.ConfigureRetryPipeline(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptionsMonitor<CpaasClientOptions>>().CurrentValue,
                context.ServiceProvider.GetRequiredService<TimeProvider>());
        });
        builder.AddHttpMessageHandler<CpaasRateLimitHandler>();
        builder.AddResilienceHandler(CpaasResilience.AttemptPipelineName, static (pipeline, context) =>
        {
            context.EnableReloads<CpaasClientOptions>();
            CpaasResilience.ConfigureAttemptPipeline(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptionsMonitor<CpaasClientOptions>>().CurrentValue,
                context.ServiceProvider.GetRequiredService<TimeProvider>());
        });
        builder.AddHttpMessageHandler<CpaasAttemptHandler>();
        builder.AddHttpMessageHandler<CpaasAddressHandler>();
        builder.AddHttpMessageHandler<CpaasAuthenticationHandler>();
        builder.AddHttpMessageHandler<UserAgentHandler>();
        return builder;
    }

    private sealed class CpaasClientOptionsValidator : IValidateOptions<CpaasClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, CpaasClientOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
