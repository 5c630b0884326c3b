namespace Quickstart.Kubectl;

/// <summary>What one kubectl run printed and how it exited.</summary>
internal sealed record KubectlResult(IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => "kubectl " + string.Join(' ', Arguments);
}
