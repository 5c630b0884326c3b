namespace Cpaas.Client.Models;

/// <summary>How records that hold a password or key print it: never the value.</summary>
internal static class Secrets
{
    public static string Mask(string? value) => value is null ? "null" : "***";
}
