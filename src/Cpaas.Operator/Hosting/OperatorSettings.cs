using Microsoft.Extensions.Configuration;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// Every setting of the operator process, each with a flag and an environment variable. This table is the single
/// source: the command line (<see cref="OperatorCommandLine"/>, System.CommandLine), configuration binding, <c>--help</c>
/// and the table in docs/configuration.md all come from it. Precedence: flag, then environment variable, then default.
/// </summary>
public static class OperatorSettings
{
    public const string ApiIdEnvironmentVariable = "CPAAS_API_ID";
    public const string ApiKeyEnvironmentVariable = "CPAAS_API_KEY";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(nameof(OperatorOptions.Kubeconfig), "--kubeconfig", "KUBECONFIG", null,
            "Kubeconfig file for running outside a cluster. Empty: in-cluster service account, else ~/.kube/config."),
        new(nameof(OperatorOptions.CpaasBaseUrl), "--cpaas-base-url", "CPAAS_BASE_URL", "https://api.enablex.io/cpaas",
            "Root of the CPaaS API; project routes are /projects below it."),
        new(nameof(OperatorOptions.CredentialsDirectory), "--credentials-dir", "CPAAS_CREDENTIALS_DIR", "/var/run/secrets/cpaas",
            "Directory of the mounted default credentials Secret (files api_id and api_key), re-read when it changes. Fallback: CPAAS_API_ID and CPAAS_API_KEY."),
        new(nameof(OperatorOptions.WatchNamespaces), "--watch-namespaces", "WATCH_NAMESPACES", "",
            "Comma-separated namespaces to watch. Empty: all namespaces."),
        new(nameof(OperatorOptions.WatchLabelSelector), "--watch-label-selector", "CPAAS_OPERATOR_WATCH_LABEL_SELECTOR", "",
            "Label selector of the CpaasProjects this process manages (one shard, e.g. shard=a; see docs/sharding.md). Empty: all."),
        new(nameof(OperatorOptions.DefaultAccountNamespaces), "--default-account-namespaces", "CPAAS_OPERATOR_DEFAULT_ACCOUNT_NAMESPACES", "*",
            "Namespaces whose CpaasProjects may use the operator's default account (comma-separated; `*` = all, the single-tenant setting; empty = none)."),
        new(nameof(OperatorOptions.Workers), "--workers", "CPAAS_OPERATOR_WORKERS", "8",
            "Concurrent reconciles (worker count). A new project's reconcile waits on about ten API round trips, so 8 keep an account of 100 requests/s busy."),
        new(nameof(OperatorOptions.ResyncInterval), "--resync-interval", "CPAAS_OPERATOR_RESYNC_INTERVAL", "1h",
            "How often each resource gets a full observe (one GET, low priority), the safety net behind the drift sweep (jittered by up to 10%, spread across resources)."),
        new(nameof(OperatorOptions.DriftSweepInterval), "--drift-sweep-interval", "CPAAS_OPERATOR_DRIFT_SWEEP_INTERVAL", "1m",
            "How often each account's project list is swept for out-of-band changes (newest updated_at first; an idle fleet costs one request). Leader only."),
        new(nameof(OperatorOptions.DriftSweepMargin), "--drift-sweep-margin", "CPAAS_OPERATOR_DRIFT_SWEEP_MARGIN", "2m",
            "How far below the previous sweep's newest updated_at a sweep still reads (coarse timestamps, clock differences)."),
        new(nameof(OperatorOptions.DriftRateShare), "--drift-rate-share", "CPAAS_OPERATOR_DRIFT_RATE_SHARE", "50%",
            "Largest share of each account's rate limit that periodic full observes may use (50% or 0.5); user changes and sweep findings go first."),
        new(nameof(OperatorOptions.RetryMaxDelay), "--retry-max-delay", "CPAAS_OPERATOR_RETRY_MAX_DELAY", "1m",
            "Cap of the per-resource retry delay after a failure (exponential from 5ms); transient CPaaS outages never idle a resource longer than this."),
        new(nameof(OperatorOptions.CpaasRateLimit), "--cpaas-rate-limit", "CPAAS_RATE_LIMIT", "10",
            "CPaaS API requests per second allowed per account; the operator sends at most 95% of it (token bucket per account)."),
        new(nameof(OperatorOptions.CpaasBurst), "--cpaas-burst", "CPAAS_BURST", "10",
            "Token bucket size per account: requests allowed in a burst."),
        new(nameof(OperatorOptions.CpaasTimeout), "--cpaas-timeout", "CPAAS_TIMEOUT", "30s",
            "Overall timeout of one CPaaS API operation, retries included."),
        new(nameof(OperatorOptions.LeaderElect), "--leader-elect", "CPAAS_OPERATOR_LEADER_ELECT", "true",
            "Elect a leader through a Lease so only one replica reconciles."),
        new(nameof(OperatorOptions.LeaderElectionNamespace), "--leader-election-namespace", "POD_NAMESPACE", "cpaas-system",
            "Namespace of the leader-election Lease."),
        new(nameof(OperatorOptions.LeaderElectionId), "--leader-election-id", "CPAAS_OPERATOR_LEADER_ELECTION_ID", "cpaas-operator-leader",
            "Name of the leader-election Lease."),
        new(nameof(OperatorOptions.LeaseDuration), "--leader-election-lease-duration", "CPAAS_OPERATOR_LEASE_DURATION", "15s",
            "How long a lease is valid without renewal; a new leader takes over at most this long after the old one died."),
        new(nameof(OperatorOptions.Identity), "--identity", "POD_NAME", null,
            "This replica's identity in the Lease and in the CPaaS User-Agent. Default: host name and process id."),
        new(nameof(OperatorOptions.MetricsBindAddress), "--metrics-bind-address", "CPAAS_OPERATOR_METRICS_BIND_ADDRESS", ":8080",
            "Address of the Prometheus /metrics endpoint; \"0\" disables it."),
        new(nameof(OperatorOptions.HealthProbeBindAddress), "--health-probe-bind-address", "CPAAS_OPERATOR_HEALTH_PROBE_BIND_ADDRESS", ":8081",
            "Address of /healthz and /readyz; \"0\" disables them."),
        new(nameof(OperatorOptions.LogFormat), "--log-format", "CPAAS_OPERATOR_LOG_FORMAT", "auto",
            "json, text, or auto (json in a cluster, text elsewhere)."),
        new(nameof(OperatorOptions.LogLevel), "--log-level", "CPAAS_OPERATOR_LOG_LEVEL", "Information",
            "Minimum log level: Trace, Debug, Information, Warning, Error."),
    ];

    /// <summary>Every flag the command line accepts.</summary>
    public static IReadOnlyCollection<string> Flags { get; } = All.Select(s => s.Flag).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The configuration of a command line that <see cref="OperatorCommandLine"/> accepts, with the environment and the
    /// defaults behind it, for the generated binder to turn into <see cref="OperatorOptions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The command line has a problem (see <see cref="OperatorCommandLine.Error"/>).</exception>
    public static IConfiguration Build(IReadOnlyList<string> args, Func<string, string?> environment) => Build(OperatorCommandLine.Parse(args, environment));

    public static IConfiguration Build(OperatorCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.Error is { } error)
        {
            throw new ArgumentException(error, nameof(commandLine));
        }

        return new ConfigurationBuilder().AddInMemoryCollection(commandLine.Values).Build();
    }
}
