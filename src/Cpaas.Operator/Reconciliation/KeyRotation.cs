using System.Security.Cryptography;
using System.Text;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Key rotation (docs/RECONCILE.md step 9), decided from the resource alone (pure): exactly one reset_key per new
/// spec.apiKeyRotation.requestedAt. Before the call the token and a salted hash of the current key go to status;
/// a crash after the call is then recognised by GET returning a different key, so the rotation is neither repeated
/// nor lost.
/// </summary>
/// <param name="Token">The rotation token the spec asks to handle.</param>
/// <param name="NeedsReset">False when an earlier reset_key for this token already changed the key (a crash came between).</param>
/// <param name="Pending">What status records before the call.</param>
public sealed record KeyRotation(string Token, bool NeedsReset, PendingRotationStatus Pending)
{
    /// <summary>The spec carries a rotation token the status does not record as handled.</summary>
    public static bool IsRequested(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Spec.ApiKeyRotation?.RequestedAt is { Length: > 0 } token &&
               !string.Equals(token, resource.Status?.LastRotationToken, StringComparison.Ordinal);
    }

    /// <summary>The rotation to carry out, or null when none is requested.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="currentKey">The project's key now (GET, or the add response).</param>
    public static KeyRotation? Decide(CpaasProject resource, string currentKey)
    {
        if (!IsRequested(resource))
        {
            return null;
        }

        var token = resource.Spec.ApiKeyRotation!.RequestedAt!;
        var pending = resource.Status?.PendingRotation;
        var currentHash = KeyHash(resource, currentKey);
        var alreadyReset = pending?.Token == token && pending.PreviousKeyHash != currentHash;
        return new KeyRotation(token, !alreadyReset, pending?.Token == token ? pending : new PendingRotationStatus { Token = token, PreviousKeyHash = currentHash });
    }

    /// <summary>Salted with the resource's uid: enough to tell two random keys apart, useless to recover one.</summary>
    private static string KeyHash(CpaasProject resource, string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resource.Metadata.Uid}/app_key/{key}")));
}
