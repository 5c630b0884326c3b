using Cpaas.Operator.Tenancy;

namespace Cpaas.Operator.Hosting;

/// <summary>The operator process settings; see <see cref="OperatorSettings"/> for flags, environment variables and defaults.</summary>
public sealed class OperatorOptions
{
    public string? Kubeconfig { get; set; }
    public string CpaasBaseUrl { get; set; } = "https://api.enablex.io/cpaas";
    public string? CredentialsDirectory { get; set; }
    public string WatchNamespaces { get; set; } = "";
    public string WatchLabelSelector { get; set; } = "";
    public string DefaultAccountNamespaces { get; set; } = "*";
    public int Workers { get; set; } = 8;
    public string ResyncInterval { get; set; } = "1h";
    public string DriftSweepInterval { get; set; } = "1m";
    public string DriftSweepMargin { get; set; } = "2m";
    public string DriftRateShare { get; set; } = "50%";
    public string RetryMaxDelay { get; set; } = "1m";
    public double CpaasRateLimit { get; set; } = 10;
    public int CpaasBurst { get; set; } = 10;
    public string CpaasTimeout { get; set; } = "30s";
    public bool LeaderElect { get; set; } = true;
    public string LeaderElectionNamespace { get; set; } = "cpaas-system";
    public string LeaderElectionId { get; set; } = "cpaas-operator-leader";
    public string LeaseDuration { get; set; } = "15s";
    public string? Identity { get; set; }
    public string MetricsBindAddress { get; set; } = ":8080";
    public string HealthProbeBindAddress { get; set; } = ":8081";
    public string LogFormat { get; set; } = "auto";
    public string LogLevel { get; set; } = "Information";

    /// <summary>--drift-rate-share as a fraction in (0, 1] (validated by <see cref="Validate"/>).</summary>
    public double DriftRateShareFraction => RateShare.TryParse(DriftRateShare, out var share) ? share : 0.5;

    /// <summary>--default-account-namespaces parsed (validated by <see cref="Validate"/>; none when it does not parse). A method: the configuration binder leaves it alone.</summary>
    public DefaultAccountNamespaces GetDefaultAccountNamespaces() =>
        Tenancy.DefaultAccountNamespaces.TryParse(DefaultAccountNamespaces, out var namespaces, out _) ? namespaces : Tenancy.DefaultAccountNamespaces.None;

    public IReadOnlyList<string> WatchNamespaceList =>
        WatchNamespaces.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Checks every setting and returns the problems, each naming the flag to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(CpaasBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"--cpaas-base-url must be an absolute http(s) URL, got '{CpaasBaseUrl}'");
        }

        if (Workers is < 1 or > 256)
        {
            problems.Add($"--workers must be between 1 and 256, got {Workers}");
        }

        if (CpaasRateLimit <= 0)
        {
            problems.Add($"--cpaas-rate-limit must be positive, got {CpaasRateLimit}");
        }

        if (CpaasBurst < 1)
        {
            problems.Add($"--cpaas-burst must be at least 1, got {CpaasBurst}");
        }

        CheckDuration(problems, "--resync-interval", ResyncInterval, TimeSpan.FromSeconds(1));
        CheckDuration(problems, "--retry-max-delay", RetryMaxDelay, TimeSpan.FromSeconds(1));
        CheckDuration(problems, "--drift-sweep-interval", DriftSweepInterval, TimeSpan.FromSeconds(1));
        CheckDuration(problems, "--drift-sweep-margin", DriftSweepMargin, TimeSpan.Zero);
        if (!RateShare.TryParse(DriftRateShare, out _))
        {
            problems.Add($"--drift-rate-share must be a share above 0 and at most 1, such as 50% or 0.5, got '{DriftRateShare}'");
        }

        CheckDuration(problems, "--cpaas-timeout", CpaasTimeout, TimeSpan.FromMilliseconds(100));
        CheckDuration(problems, "--leader-election-lease-duration", LeaseDuration, TimeSpan.FromSeconds(2));
        if (LogFormat is not ("auto" or "json" or "text"))
        {
            problems.Add($"--log-format must be auto, json or text, got '{LogFormat}'");
        }

        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(LogLevel, ignoreCase: true, out _))
        {
            problems.Add($"--log-level must be one of Trace, Debug, Information, Warning, Error, Critical, got '{LogLevel}'");
        }

        if (LabelSelectorSyntax.Problem(WatchLabelSelector) is { } selectorProblem)
        {
            problems.Add($"--watch-label-selector must be a label selector such as shard=a or 'shard in (a,b)': {selectorProblem}");
        }

        if (!Tenancy.DefaultAccountNamespaces.TryParse(DefaultAccountNamespaces, out _, out var namespacesProblem))
        {
            problems.Add($"--default-account-namespaces must be * (all namespaces), empty (none) or comma-separated namespace names: {namespacesProblem}");
        }

        CheckAddress(problems, "--metrics-bind-address", MetricsBindAddress);
        CheckAddress(problems, "--health-probe-bind-address", HealthProbeBindAddress);
        return problems;
    }

    private static void CheckDuration(List<string> problems, string flag, string value, TimeSpan minimum)
    {
        if (!Duration.TryParse(value, out var parsed))
        {
            problems.Add($"{flag} must be a duration such as 30s, 10m or 1h30m, got '{value}'");
        }
        else if (parsed < minimum)
        {
            problems.Add($"{flag} must be at least {Duration.Format(minimum)}, got '{value}'");
        }
    }

    private static void CheckAddress(List<string> problems, string flag, string value)
    {
        if (value != "0" && !BindAddress.TryParse(value, out _))
        {
            problems.Add($"{flag} must be host:port, :port or 0, got '{value}'");
        }
    }
}
