using Shared.Testing;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>`dotnet Kube.Sandbox.dll ...` in its own process, as a person runs it in a terminal (Ctrl+C works).</summary>
public static class RunningSandbox
{
    public static WatchedProcess Start(string sandboxDll, params string[] args) =>
        WatchedProcess.Start(WatchedProcess.WithDefaultSigint("dotnet", [sandboxDll, .. args]), "the sandbox");
}
