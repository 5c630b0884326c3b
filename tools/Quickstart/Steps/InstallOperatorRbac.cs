using Quickstart.Kubectl;
using Quickstart.Layout;
using Quickstart.Progress;

namespace Quickstart.Steps;

/// <summary>Creates the cpaas-system namespace and the operator's service account and RBAC, as config/default does.</summary>
internal static class InstallOperatorRbac
{
    public static async Task RunAsync(KubectlRunner kubectl, RepositoryLayout layout, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin($"Installing the operator's namespace and RBAC: kubectl apply -f {layout.Relative(layout.OperatorNamespace)}, -k {layout.Relative(layout.Rbac)}");
        var ns = await kubectl.RunCheckedAsync(["apply", "-f", layout.OperatorNamespace], ct);
        var rbac = await kubectl.RunCheckedAsync(["apply", "-k", layout.Rbac], ct);
        progress.Detail((ns.StdOut.Trim() + "\n" + rbac.StdOut.Trim()).Trim());
        progress.Done("the operator will run as system:serviceaccount:cpaas-system:cpaas-operator, under these rules only");
    }
}
