using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Kubectl;

/// <summary>A sandbox plus a kubectl runner with its own HOME and discovery cache.</summary>
public sealed class KubectlFixture : SandboxFixture
{
    public Infrastructure.Kubectl Kubectl { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Kubectl = new Infrastructure.Kubectl(Sandbox.AdminKubeconfigPath, Directory);
    }
}
