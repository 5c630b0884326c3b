namespace Quickstart.Tests.Image;

/// <summary>
/// A fact that is skipped, with a message naming what is missing, only on a machine that cannot run it: a program
/// not on the PATH, a Debian package not installed, or not root (to run as uid 10001 the test switches users).
/// .ci/run installs all of them, so on CI none of these tests is skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(string[] programs, string[]? packages = null, bool root = false)
    {
        var missing = programs.Where(p => !ToolProcess.OnPath(p)).Select(p => $"'{p}' is not on the PATH").ToList();
        if (packages is { Length: > 0 })
        {
            missing.AddRange(DebianPackages.NotInstalled(packages).Select(p => $"package {p} is not installed"));
        }

        if (root && Environment.UserName != "root")
        {
            missing.Add("the tests do not run as root (switching to uid 10001 needs it)");
        }

        if (missing.Count > 0)
        {
            Skip = $"{string.Join("; ", missing)}: install with .ci/run (apt-get install bubblewrap qemu-user clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross libssl3:arm64)";
        }
    }
}
