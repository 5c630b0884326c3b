using System.Security.Cryptography;
using System.Text;
using Controller.Runtime.Events;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

// Key rotation (DESIGN.md 3.10): exactly one reset_key per new spec.apiKeyRotation.requestedAt.
public sealed partial class CpaasProjectReconciler
{
    private static bool RotationRequested(CpaasProject resource) =>
        resource.Spec.ApiKeyRotation?.RequestedAt is { Length: > 0 } token &&
        !string.Equals(token, resource.Status?.LastRotationToken, StringComparison.Ordinal);

    /// <summary>
    /// Before reset_key the token and a salted hash of the current key go to status; a crash after the call is then
    /// recognised by GET returning a different key, so the rotation is neither repeated nor lost.
    /// </summary>
    private async Task<(CpaasProject Resource, string AppKey)> RotateKeyIfRequestedAsync(
        CpaasProject resource, ResolvedInputs resolved, string appId, string currentKey, CancellationToken cancellationToken)
    {
        if (!RotationRequested(resource))
        {
            return (resource, currentKey);
        }

        var token = resource.Spec.ApiKeyRotation!.RequestedAt!;
        var pending = resource.Status?.PendingRotation;
        if (pending?.Token == token && pending.PreviousKeyHash != KeyHash(resource, currentKey))
        {
            LogRotationRecovered(appId);
            return (await RecordRotationDoneAsync(resource, token, cancellationToken), currentKey);
        }

        if (pending?.Token != token)
        {
            var status = (resource.Status ?? new CpaasProjectStatus()) with
            {
                PendingRotation = new PendingRotationStatus { Token = token, PreviousKeyHash = KeyHash(resource, currentKey) },
            };
            resource = await WriteStatusAsync(resource, status, cancellationToken);
        }

        string newKey;
        try
        {
            newKey = await _gateway.ResetKeyAsync(resolved.Account, appId, cancellationToken);
        }
        catch (CpaasApiException error)
        {
            throw ProblemClassifier.From(error, "resetting the app key");
        }

        _metrics.KeyRotations.Inc();
        _events.Normal(resource, "KeyRotated", $"Reset the app key of project {appId} as requested ({token})", "RotateKey");
        LogRotated(appId);

        // Recorded at once: whatever fails later in this reconcile, the token is handled and never reset again.
        return (await RecordRotationDoneAsync(resource, token, cancellationToken), newKey);
    }

    private Task<CpaasProject> RecordRotationDoneAsync(CpaasProject resource, string token, CancellationToken cancellationToken) =>
        WriteStatusAsync(resource, (resource.Status ?? new CpaasProjectStatus()) with { LastRotationToken = token, PendingRotation = null }, cancellationToken);

    /// <summary>Salted with the resource's uid: enough to tell two random keys apart, useless to recover one.</summary>
    private static string KeyHash(CpaasProject resource, string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resource.Metadata.Uid}/app_key/{key}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Reset the app key of project {AppId}")]
    private partial void LogRotated(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation of project {AppId} had completed before a restart; finishing it")]
    private partial void LogRotationRecovered(string appId);
}
