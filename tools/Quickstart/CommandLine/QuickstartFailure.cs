namespace Quickstart.CommandLine;

/// <summary>A failure the quickstart explains in one message and turns into an exit code (no stack trace).</summary>
internal sealed class QuickstartFailure : Exception
{
    public QuickstartFailure()
        : this("the quickstart failed", ExitCodes.Failure)
    {
    }

    public QuickstartFailure(string message)
        : this(message, ExitCodes.Failure)
    {
    }

    public QuickstartFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
    }

    public QuickstartFailure(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
