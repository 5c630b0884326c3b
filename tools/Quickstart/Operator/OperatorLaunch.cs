namespace Quickstart.Operator;

/// <summary>How the quickstart runs the operator: the same flags the Deployment in config/manager passes, pointed at the sandboxes.</summary>
internal sealed record OperatorLaunch(string Kubeconfig, Uri CpaasBaseUrl, string CredentialsDirectory, int ProbePort, string LogPath)
{
    public const string ServiceAccountUser = "system:serviceaccount:cpaas-system:cpaas-operator";

    public const string OperatorNamespace = "cpaas-system";

    /// <summary>The groups Kubernetes gives the cpaas-operator service account's token.</summary>
    public static IReadOnlyList<string> ServiceAccountGroups { get; } =
        ["system:serviceaccounts", "system:serviceaccounts:cpaas-system", "system:authenticated"];

    /// <summary>The operator's command line. Probes and metrics share one loopback port.</summary>
    public IReadOnlyList<string> Arguments() =>
    [
        "--kubeconfig", Kubeconfig,
        "--cpaas-base-url", CpaasBaseUrl.ToString(),
        "--credentials-dir", CredentialsDirectory,
        "--leader-elect", "true",
        "--leader-election-namespace", OperatorNamespace,
        "--identity", "quickstart",
        "--metrics-bind-address", $"127.0.0.1:{ProbePort}",
        "--health-probe-bind-address", $"127.0.0.1:{ProbePort}",
        "--log-format", "text",
        "--log-level", "Information",
    ];

    public Uri ProbeUrl => new($"http://127.0.0.1:{ProbePort}/");
}
