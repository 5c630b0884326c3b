using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Hosting;

/// <summary>Structured logs: JSON lines in a cluster (or with --log-format json), one readable line each elsewhere.
/// Scopes carry the resource key and the reconcile id.</summary>
public static class OperatorLogging
{
    public static ILoggerFactory Create(OperatorOptions options, Func<string, string?> environment, ILoggerProvider? additional = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var json = options.LogFormat == "json" ||
                   (options.LogFormat == "auto" && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")));
        var level = Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);

            // The HTTP client factory logs every request line at Information: useful only when debugging.
            builder.AddFilter("System.Net.Http.HttpClient", level > LogLevel.Debug ? LogLevel.Warning : level);
            builder.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // Resilience logs every attempt at Information; retries are visible in the client's own log lines.
            builder.AddFilter("Polly", level > LogLevel.Debug ? LogLevel.Warning : level);
            if (additional is not null)
            {
                builder.AddProvider(additional);
            }

            if (json)
            {
                builder.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                });
            }
            else
            {
                builder.AddSimpleConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.SingleLine = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                });
            }
        });
    }
}
