namespace Cpaas.Operator.Hosting;

/// <summary>An EnableX account's API credentials as read from a Secret or a mounted directory.</summary>
/// <remarks>The key never appears in <see cref="ToString"/>: records print every member by default.</remarks>
public sealed record ApiCredentials(string ApiId, string ApiKey)
{
    public override string ToString() => $"ApiCredentials {{ ApiId = {ApiId}, ApiKey = *** }}";
}
