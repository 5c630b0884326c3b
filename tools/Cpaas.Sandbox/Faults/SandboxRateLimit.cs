namespace Cpaas.Sandbox.Faults;

/// <summary>
/// A token bucket per account: <see cref="RequestsPerSecond"/> sustained, up to <see cref="Burst"/> at once. A request
/// over the limit is answered 429 with Retry-After and is not processed.
/// </summary>
public sealed record SandboxRateLimit(double RequestsPerSecond, int Burst = 1)
{
    public double RequestsPerSecond { get; } = RequestsPerSecond > 0
        ? RequestsPerSecond
        : throw new ArgumentOutOfRangeException(nameof(RequestsPerSecond), "The rate must be positive.");

    public int Burst { get; } = Burst >= 1 ? Burst : throw new ArgumentOutOfRangeException(nameof(Burst), "The burst must be at least 1.");
}
