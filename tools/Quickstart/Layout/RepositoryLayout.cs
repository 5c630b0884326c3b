using Quickstart.CommandLine;

namespace Quickstart.Layout;

/// <summary>The manifests the quickstart applies, in the repository it runs from.</summary>
internal sealed record RepositoryLayout(string Root)
{
    public string Crds => Path.Combine(Root, "config", "crds");

    public string Rbac => Path.Combine(Root, "config", "rbac");

    /// <summary>The cpaas-system namespace, as config/default creates it.</summary>
    public string OperatorNamespace => Path.Combine(Root, "config", "manager", "namespace.yaml");

    /// <summary>config/samples with the CPaaS sandbox's values (category ids, subdomains, Secrets): the samples as the quickstart applies them.</summary>
    public string Samples => Path.Combine(Root, "config", "sandbox-samples");

    public string CredentialsSecretSample => Path.Combine(Root, "config", "samples", "credentials-secret.yaml");

    /// <summary>Relative to the root, for messages that show the command a user would type.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path);

    /// <summary>The explicit root, else the nearest directory above <paramref name="start"/> that holds operator.sln and config/.</summary>
    public static RepositoryLayout Locate(string? explicitRoot, string start)
    {
        if (explicitRoot is not null)
        {
            var root = Path.GetFullPath(explicitRoot);
            return IsRepository(root)
                ? new RepositoryLayout(root)
                : throw new QuickstartFailure($"{root} is not the cpaas-operator repository (no operator.sln and config/samples there)", ExitCodes.Usage);
        }

        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            if (IsRepository(directory.FullName))
            {
                return new RepositoryLayout(directory.FullName);
            }
        }

        throw new QuickstartFailure(
            $"cannot find the cpaas-operator repository above {start}: run the quickstart from the repository (or pass --repo PATH)", ExitCodes.Usage);
    }

    private static bool IsRepository(string directory) =>
        File.Exists(Path.Combine(directory, "operator.sln")) && Directory.Exists(Path.Combine(directory, "config", "samples"));
}
