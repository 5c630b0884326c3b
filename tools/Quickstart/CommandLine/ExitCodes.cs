namespace Quickstart.CommandLine;

/// <summary>The quickstart's exit codes (also listed in its usage text and tools/Quickstart/README.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int PortInUse = 3;
    public const int NotReady = 4;

    /// <summary>Ctrl+C or SIGTERM before every sample was Ready (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
