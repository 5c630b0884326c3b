namespace Cpaas.Sandbox.Store;

/// <summary>
/// The values of a project's <c>status</c> (the API documentation names the key, not its values: the sandbox's choice,
/// documented in tools/Cpaas.Sandbox/README.md) and the <c>status_ex</c> text shown next to each.
/// </summary>
public static class ProjectStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static bool IsKnown(string status) => status is Active or Suspended;

    /// <summary>The human-readable <c>status_ex</c>: "Active", "Suspended" (or the status capitalised).</summary>
    public static string Describe(string status) =>
        status.Length == 0 ? string.Empty : char.ToUpperInvariant(status[0]) + status[1..];
}
