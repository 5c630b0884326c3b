using System.Security.Cryptography;
using System.Text;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Key rotation (docs/RECONCILE.md step 10): exactly one reset_key per new spec.apiKeyRotation.requestedAt. Before
/// the call the token and a salted hash of the current key go to status; a crash after the call is then recognised
/// by GET returning a different key, so the rotation is neither repeated nor lost.
/// </summary>
public sealed class KeyRotator(IProjectGateway gateway, StatusWriter status, ActivityRecorder activity)
{
    /// <summary>The spec carries a rotation token the status does not record as handled.</summary>
    public static bool IsRequested(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Spec.ApiKeyRotation?.RequestedAt is { Length: > 0 } token &&
               !string.Equals(token, resource.Status?.LastRotationToken, StringComparison.Ordinal);
    }

    /// <summary>Rotates when requested; returns the resource after its status writes and the project's key now.</summary>
    public async Task<(CpaasProject Resource, string AppKey)> RotateIfRequestedAsync(
        CpaasProject resource, CpaasAccount account, string appId, string currentKey, CancellationToken cancellationToken)
    {
        if (!IsRequested(resource))
        {
            return (resource, currentKey);
        }

        var token = resource.Spec.ApiKeyRotation!.RequestedAt!;
        var pending = resource.Status?.PendingRotation;
        var currentHash = KeyHash(resource, currentKey);
        if (pending?.Token == token && pending.PreviousKeyHash != currentHash)
        {
            activity.KeyRotationRecovered(appId);
            return (await RecordDoneAsync(resource, token, cancellationToken), currentKey);
        }

        if (pending?.Token != token)
        {
            var recorded = new PendingRotationStatus { Token = token, PreviousKeyHash = currentHash };
            resource = await status.WriteAsync(resource, r => (r.Status ?? new CpaasProjectStatus()) with { PendingRotation = recorded }, cancellationToken);
        }

        string newKey;
        try
        {
            newKey = await gateway.ResetKeyAsync(account, appId, cancellationToken);
        }
        catch (CpaasApiException error)
        {
            throw ProblemClassifier.From(error, "resetting the app key");
        }

        activity.KeyRotated(resource, appId, token);

        // Recorded at once: whatever fails later in this reconcile, the token is handled and never reset again.
        return (await RecordDoneAsync(resource, token, cancellationToken), newKey);
    }

    private Task<CpaasProject> RecordDoneAsync(CpaasProject resource, string token, CancellationToken cancellationToken) =>
        status.WriteAsync(resource, r => (r.Status ?? new CpaasProjectStatus()) with { LastRotationToken = token, PendingRotation = null }, cancellationToken);

    /// <summary>Salted with the resource's uid: enough to tell two random keys apart, useless to recover one.</summary>
    private static string KeyHash(CpaasProject resource, string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resource.Metadata.Uid}/app_key/{key}")));
}
