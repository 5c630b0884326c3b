using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Audit;

/// <summary>A sandbox writing its audit log to a file, plus an admin kubectl.</summary>
public sealed class AuditFixture : SandboxFixture
{
    public string AuditLogPath => Path.Combine(Directory, "audit", "audit.log");

    public Infrastructure.Kubectl Kubectl { get; private set; } = null!;

    protected override KubeApiSandboxOptions Options(string stateDirectory) => base.Options(stateDirectory) with { AuditLogPath = AuditLogPath };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Kubectl = new Infrastructure.Kubectl(Sandbox.AdminKubeconfigPath, Directory);
    }
}
