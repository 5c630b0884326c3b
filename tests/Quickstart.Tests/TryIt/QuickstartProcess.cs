using System.Diagnostics;
using System.Reflection;
using System.Text;
using Quickstart.Tests.Support;
using Shared.Testing;

namespace Quickstart.Tests.TryIt;

/// <summary>
/// The quickstart as a user runs it: `dotnet quickstart.dll ...` from the repository root, in its own process.
/// Output and waits: <see cref="WatchedProcess"/>.
/// </summary>
internal static class QuickstartProcess
{
    /// <summary>tools/Quickstart's own build output (the test project references it, so it is built with the tests).</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = typeof(QuickstartProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            return RepositoryRoot.File("tools", "Quickstart", "bin", configuration, framework, "quickstart.dll");
        }
    }

    public static WatchedProcess Start(params string[] args)
    {
        Assert.True(File.Exists(AssemblyPath), $"{AssemblyPath} is missing: build tools/Quickstart first");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        return WatchedProcess.Start(start, "the quickstart");
    }
}
