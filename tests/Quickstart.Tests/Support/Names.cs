namespace Quickstart.Tests.Support;

internal static class Names
{
    /// <summary>A DNS-label name unique to one test, so tests sharing a cluster never see each other's objects.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
