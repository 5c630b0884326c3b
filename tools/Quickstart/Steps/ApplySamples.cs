using Quickstart.CommandLine;
using Quickstart.Kubectl;
using Quickstart.Layout;
using Quickstart.Progress;

namespace Quickstart.Steps;

/// <summary>Applies config/sandbox-samples (config/samples with the sandbox's values) with kubectl (kustomize) and returns the names of the CpaasProjects it created.</summary>
internal static class ApplySamples
{
    private const string ProjectPrefix = "cpaasproject.cpaas.enablex.io/";

    public static async Task<IReadOnlyList<string>> RunAsync(KubectlRunner kubectl, RepositoryLayout layout, string ns, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin($"Applying the samples: kubectl apply -k {layout.Relative(layout.Samples)} -n {ns}");
        var namespaceManifest = $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n";
        await kubectl.RunCheckedAsync(["apply", "-f", "-"], ct, stdin: namespaceManifest);
        var applied = await kubectl.RunCheckedAsync(["apply", "-k", layout.Samples, "-n", ns], ct);
        progress.Detail(applied.StdOut.Trim());
        var projects = ProjectNames(applied.StdOut);
        if (projects.Count == 0)
        {
            throw new QuickstartFailure($"kubectl apply -k {layout.Relative(layout.Samples)} created no CpaasProject");
        }

        progress.Done($"{projects.Count} CpaasProjects: {string.Join(", ", projects)}");
        return projects;
    }

    /// <summary>The names in lines such as "cpaasproject.cpaas.enablex.io/video-demo created".</summary>
    public static IReadOnlyList<string> ProjectNames(string applyOutput)
    {
        ArgumentNullException.ThrowIfNull(applyOutput);
        return applyOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(ProjectPrefix, StringComparison.Ordinal))
            .Select(line => line[ProjectPrefix.Length..].Split(' ')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
