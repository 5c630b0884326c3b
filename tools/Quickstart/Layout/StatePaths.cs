namespace Quickstart.Layout;

/// <summary>Everything the quickstart writes lives under one directory (REPO/.sandbox, gitignored).</summary>
internal sealed record StatePaths(string Root)
{
    /// <summary>The Kubernetes API sandbox's CA, server certificate and admin kubeconfig.</summary>
    public string Kube => Path.Combine(Root, "kube");

    /// <summary>The operator's kubeconfig (its service account) and its default credentials.</summary>
    public string Operator => Path.Combine(Root, "operator");

    public string OperatorKubeconfig => Path.Combine(Operator, "kubeconfig");

    /// <summary>Stands in for the credentials Secret the Deployment mounts at /var/run/secrets/cpaas.</summary>
    public string OperatorCredentials => Path.Combine(Operator, "credentials");

    public string OperatorLog => Path.Combine(Root, "operator.log");

    /// <summary>kubectl's discovery cache for this sandbox only (never ~/.kube/cache).</summary>
    public string KubectlCache => Path.Combine(Root, "kubectl-cache");

    public static StatePaths Create(string root)
    {
        var paths = new StatePaths(Path.GetFullPath(root));
        Directory.CreateDirectory(paths.Root);
        Directory.CreateDirectory(paths.Kube);
        Directory.CreateDirectory(paths.Operator);
        Directory.CreateDirectory(paths.KubectlCache);

        // A previous run's credentials and kubeconfigs hold tokens and keys of sandboxes that no longer exist.
        if (Directory.Exists(paths.OperatorCredentials))
        {
            Directory.Delete(paths.OperatorCredentials, recursive: true);
        }

        return paths;
    }
}
