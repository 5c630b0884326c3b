using System.Net.Http.Headers;
using System.Text;

namespace Cpaas.Sandbox.Accounts;

/// <summary>
/// An API account (HTTP Basic api_id:api_key). Admins see and edit every customer's projects and may create
/// projects for any customer; a customer account sees and edits only projects of its own customer.
/// </summary>
public sealed class SandboxAccount
{
    public SandboxAccount(string apiId, string apiKey, bool isAdmin, string customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiId);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        if (apiId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An api_id cannot contain ':' (HTTP Basic user names cannot).", nameof(apiId));
        }

        ApiId = apiId;
        ApiKey = apiKey;
        IsAdmin = isAdmin;
        CustomerId = customerId;
    }

    public string ApiId { get; }

    public string ApiKey { get; }

    public bool IsAdmin { get; }

    /// <summary>The customer the account belongs to; projects a customer account adds are created under it.</summary>
    public string CustomerId { get; }

    /// <summary>The Authorization header value for this account.</summary>
    public AuthenticationHeaderValue BasicAuthentication() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiId}:{ApiKey}")));

    public override string ToString() =>
        $"SandboxAccount {{ ApiId = {ApiId}, IsAdmin = {IsAdmin}, CustomerId = {CustomerId}, ApiKey = *** }}";
}
