using System.Text;
using Quickstart.Kubectl;

namespace Quickstart.Tests.Support;

internal static class KubectlAssertions
{
    /// <summary>The result, or a failed assertion that shows the command and everything kubectl printed.</summary>
    public static KubectlResult EnsureSuccess(this KubectlResult result)
    {
        Assert.True(result.Succeeded, $"{result.CommandLine} exited {result.ExitCode}\nstdout:\n{result.StdOut}\nstderr:\n{result.StdErr}");
        return result;
    }

    public static string Base64Decoded(this KubectlResult result) => Encoding.UTF8.GetString(Convert.FromBase64String(result.EnsureSuccess().StdOut.Trim()));
}
