using Quickstart.Kubectl;
using Quickstart.Layout;
using Quickstart.Progress;

namespace Quickstart.Steps;

/// <summary>Installs config/crds with kubectl and waits until the API serves the kind.</summary>
internal static class InstallCrds
{
    public const string CrdName = "cpaasprojects.cpaas.enablex.io";

    public static async Task RunAsync(KubectlRunner kubectl, RepositoryLayout layout, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin($"Installing the CRD: kubectl apply -k {layout.Relative(layout.Crds)}");
        var applied = await kubectl.RunCheckedAsync(["apply", "-k", layout.Crds], ct);
        progress.Detail(applied.StdOut.Trim());
        await kubectl.RunCheckedAsync(["wait", "--for=condition=Established", $"crd/{CrdName}", "--timeout=30s"], ct);
        progress.Done($"{CrdName} established");
    }
}
