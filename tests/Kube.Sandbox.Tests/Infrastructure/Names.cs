namespace Kube.Sandbox.Tests.Infrastructure;

public static class Names
{
    /// <summary>A unique DNS-label name so tests sharing a sandbox never collide.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
