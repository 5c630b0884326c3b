namespace Quickstart.CommandLine;

/// <summary>What the quickstart was asked to do; see <see cref="QuickstartArguments"/> for the flags.</summary>
internal sealed record QuickstartOptions
{
    public const int DefaultKubePort = 6443;
    public const int DefaultCpaasPort = 8090;

    /// <summary>Port of the Kubernetes API sandbox on 127.0.0.1; 0 picks a free one.</summary>
    public int KubePort { get; init; } = DefaultKubePort;

    /// <summary>Port of the CPaaS API sandbox on 127.0.0.1; 0 picks a free one.</summary>
    public int CpaasPort { get; init; } = DefaultCpaasPort;

    /// <summary>Exit 0 as soon as every sample is Ready instead of running until Ctrl+C (tests, CI smoke checks).</summary>
    public bool ExitWhenReady { get; init; }

    /// <summary>How long the samples may take to become Ready before the quickstart fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The repository (config/ is read from it); null: found from the working directory.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Where certificates, kubeconfigs, the kubectl cache and the operator log go; null: REPO/.sandbox.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Namespace the samples are applied to.</summary>
    public string SamplesNamespace { get; init; } = "default";

    public bool ShowHelp { get; init; }
}
