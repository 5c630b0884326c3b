using System.Diagnostics;

namespace Quickstart.Tests.Image;

/// <summary>Which Debian packages (name or name:arch) dpkg lists as installed on this machine.</summary>
internal static class DebianPackages
{
    public static IReadOnlyList<string> NotInstalled(IEnumerable<string> packages) =>
        packages.Where(p => !Installed(p)).ToList();

    private static bool Installed(string package)
    {
        if (!ToolProcess.OnPath("dpkg-query"))
        {
            return false;
        }

        var start = new ProcessStartInfo("dpkg-query") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-W", "-f=${db:Status-Status}", package })
        {
            start.ArgumentList.Add(argument);
        }

        using var query = Process.Start(start)!;
        var output = query.StandardOutput.ReadToEnd();
        query.StandardError.ReadToEnd();
        query.WaitForExit();
        return query.ExitCode == 0 && output.Trim() == "installed";
    }
}
