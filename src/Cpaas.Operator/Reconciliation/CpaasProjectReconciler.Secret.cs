using System.Text;
using Controller.Runtime;
using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

// The connection Secret (DESIGN.md 3.4): always equal to the project's current key.
public sealed partial class CpaasProjectReconciler
{
    private async Task<V1Secret> EnsureConnectionSecretAsync(
        CpaasProject resource, string appId, string appKey, EmbedRoom? room, DesiredProject desired, ResolvedInputs resolved, CancellationToken cancellationToken)
    {
        var ns = resource.Metadata.NamespaceProperty;
        var name = resource.EffectiveConnectionSecretName();
        var existing = _secrets.Get(new ObjectKey(ns, name));
        CheckConnectionSecretTarget(resource, existing);

        string? hostUrl = null;
        if (desired.HasEmbed)
        {
            hostUrl = room?.HostMeetingUrl ?? ReadString(existing, WellKnownNames.ConnectionSecretKeys.HostMeetingUrl);
            if (hostUrl is null)
            {
                // GET never returns the embed room: when the Secret lost the host URL, configure embed again to read it.
                var embed = _gateway.PlanForNewProject(desired).Embed;
                if (embed is not null)
                {
                    room = await _gateway.ApplyAsync(resolved.Account, appId, new ProjectPlan { Embed = embed, ChangedFields = ["embed"] }, cancellationToken);
                    hostUrl = room?.HostMeetingUrl;
                }
            }
        }

        var wanted = ConnectionSecret.Build(resource, new ConnectionDetails(appId, appKey, hostUrl));
        await DeletePreviousConnectionSecretAsync(resource, name, cancellationToken);
        if (ConnectionSecret.IsCurrent(existing, wanted))
        {
            return existing!;
        }

        V1Secret written;
        if (existing is null)
        {
            try
            {
                written = await _secretClient.CreateAsync(wanted, cancellationToken);
            }
            catch (KubeApiException error) when (error.IsAlreadyExists)
            {
                // The cache had not seen it yet; the next reconcile compares with the stored one.
                throw new KubeApiException(System.Net.HttpStatusCode.Conflict, "Conflict", $"Secret {ns}/{name} appeared meanwhile");
            }
        }
        else
        {
            wanted.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            wanted.Metadata.Labels = Merge(existing.Metadata.Labels, wanted.Metadata.Labels);
            wanted.Metadata.Annotations = existing.Metadata.Annotations;
            written = await _secretClient.ReplaceAsync(wanted, cancellationToken);
        }

        _metrics.SecretWrites.Inc();
        var verb = existing is null ? "Recreated" : "Updated";
        if (existing is null && resource.Status?.ConnectionSecretName is null)
        {
            _events.Normal(resource, "ConnectionSecretCreated", $"Wrote app_id and app_key to Secret {name}", "WriteSecret");
        }
        else
        {
            _events.Normal(resource, "ConnectionSecretUpdated", $"{verb} Secret {name} with the project's current credentials", "WriteSecret");
        }

        LogSecretWritten(name);
        return written;
    }

    /// <summary>
    /// The connection Secret must be one the operator may write: checked before a project is created (so a bad name
    /// never leaves a project without its credentials) and again before every write.
    /// </summary>
    private void CheckConnectionSecretTarget(CpaasProject resource, V1Secret? existing)
    {
        var ns = resource.Metadata.NamespaceProperty;
        var name = resource.EffectiveConnectionSecretName();
        var problem = ConnectionSecret.InvalidName(name) is { } invalid
            ? $"The connection Secret name '{(name.Length > 80 ? name[..80] + "..." : name)}' {invalid}; set spec.connectionSecret.name or use a shorter metadata.name"
            : ConnectionSecret.WhyNotOurs(existing ?? _secrets.Get(new ObjectKey(ns, name)), resource) is { } foreign
                ? $"Secret {ns}/{name} {foreign}; the operator will not replace its data: choose another spec.connectionSecret.name"
                : null;
        if (problem is not null)
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec, problem);
        }
    }

    /// <summary>After spec.connectionSecret.name changed, the old Secret (if still ours) goes.</summary>
    private async Task DeletePreviousConnectionSecretAsync(CpaasProject resource, string currentName, CancellationToken cancellationToken)
    {
        var previous = resource.Status?.ConnectionSecretName;
        if (previous is null || previous == currentName)
        {
            return;
        }

        var key = new ObjectKey(resource.Metadata.NamespaceProperty, previous);
        var old = _secrets.Get(key);
        if (old?.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == resource.Metadata.Uid) == true)
        {
            await _secretClient.DeleteAsync(key, cancellationToken, uid: old.Metadata.Uid);
        }
    }

    private static string? ReadString(V1Secret? secret, string key) =>
        secret?.Data is { } data && data.TryGetValue(key, out var value) && value.Length > 0 ? Encoding.UTF8.GetString(value) : null;

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, IDictionary<string, string> ours)
    {
        var merged = existing is null ? new Dictionary<string, string>() : new Dictionary<string, string>(existing);
        foreach (var (k, v) in ours)
        {
            merged[k] = v;
        }

        return merged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote connection Secret {SecretName}")]
    private partial void LogSecretWritten(string secretName);
}
