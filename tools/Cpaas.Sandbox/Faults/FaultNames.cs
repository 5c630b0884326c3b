namespace Cpaas.Sandbox.Faults;

/// <summary>The names under which injected faults appear in the journal (comma-separated when several apply).</summary>
public static class FaultNames
{
    public const string Latency = "latency";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string RateLimitBurst = "rate_limit_burst";
    public const string RateLimited = "rate_limited";
    public const string LostAfterCommit = "lost_after_commit";
    public const string HeldAfterCommit = "held_after_commit";
}
