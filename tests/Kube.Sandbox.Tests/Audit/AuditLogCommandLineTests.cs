using System.Text.Json.Nodes;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Audit;

/// <summary>--audit-log-path on the command line, as a person runs the sandbox.</summary>
public sealed class AuditLogCommandLineTests : IDisposable
{
    // A safety net only: a dotnet process start or stop on a loaded machine has taken tens of seconds.
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Audit_log_path_gets_one_json_line_per_request()
    {
        var state = Path.Combine(_directory.Path, "state");
        var auditLog = Path.Combine(_directory.Path, "logs", "audit.log");
        using var sandbox = RunningSandbox.Start(Path.Combine(AppContext.BaseDirectory, "Kube.Sandbox.dll"), "--port", "0", "--state-dir", state, "--audit-log-path", auditLog);
        await sandbox.WaitForLineAsync("Press Ctrl+C to stop.", PhaseTimeout);
        Assert.Contains($"Audit log: {auditLog}", sandbox.StdOutLines);

        var kubectl = new Infrastructure.Kubectl(Path.Combine(state, "kubeconfig"), _directory.Path);
        (await kubectl.RunAsync("get", "namespaces")).EnsureSuccess();
        // Stopping waits for the requests in flight, so every event is written by then.
        await sandbox.SignalAsync("INT");
        Assert.Equal(0, await sandbox.WaitForExitAsync(PhaseTimeout));

        var events = (await File.ReadAllLinesAsync(auditLog)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(events, e => Assert.Equal(("Event", "audit.k8s.io/v1"), ((string?)e["kind"], (string?)e["apiVersion"])));
        var list = Assert.Single(events, e => (string?)e["verb"] == "list" && (string?)e["objectRef"]?["resource"] == "namespaces");
        Assert.Equal("admin", (string?)list["user"]?["username"]);
        Assert.Equal(200, (int?)list["responseStatus"]?["code"]);
        Assert.StartsWith("/api/v1/namespaces?limit=500", (string?)list["requestURI"], StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
