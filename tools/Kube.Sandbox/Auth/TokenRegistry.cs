using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kube.Sandbox.Auth;

/// <summary>Bearer tokens handed out in kubeconfigs, each mapped to one identity.</summary>
internal sealed class TokenRegistry
{
    private readonly ConcurrentDictionary<string, UserIdentity> _tokens = new(StringComparer.Ordinal);

    public string Issue(UserIdentity identity)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = identity;
        return token;
    }

    public UserIdentity? Authenticate(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorizationHeader[scheme.Length..].Trim();
        return _tokens.TryGetValue(token, out var identity) ? identity : null;
    }
}
