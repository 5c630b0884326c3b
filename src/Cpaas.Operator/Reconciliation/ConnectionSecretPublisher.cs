using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Publishes the connection Secret (docs/RECONCILE.md step 10): always equal to the project's current credentials.
/// Kubernetes only: it is handed the connection details and makes no CPaaS call.
/// </summary>
public sealed class ConnectionSecretPublisher(IConnectionSecretStore store, ActivityRecorder activity)
{
    /// <summary>
    /// The connection Secret must be one the operator may write: checked before any project is created or changed
    /// (so a bad name never leaves a project without its credentials) and again before every write.
    /// </summary>
    /// <returns>The Secret now at that name, if any (its version is part of what a terminal failure depends on).</returns>
    /// <exception cref="ReconcileProblem">InvalidSpec: the name is invalid or the Secret belongs to someone else.</exception>
    public async Task<V1Secret?> CheckTargetAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var name = resource.EffectiveConnectionSecretName();
        if (ConnectionSecret.InvalidName(name) is { } invalid)
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                $"The connection Secret name '{(name.Length > 80 ? name[..80] + "..." : name)}' {invalid}; set spec.connectionSecret.name or use a shorter metadata.name");
        }

        var existing = await store.GetAsync(KeyOf(resource), cancellationToken);
        CheckOwnership(resource, existing);
        return existing;
    }

    /// <summary>The resourceVersion of the Secret now at the connection Secret's name, whoever wrote it (null: none).</summary>
    public async Task<string?> TargetVersionAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return (await store.GetAsync(KeyOf(resource), cancellationToken))?.Metadata?.ResourceVersion;
    }

    /// <summary>The embed host URL the current connection Secret holds (GET never returns it).</summary>
    public async Task<string?> ReadHostMeetingUrlAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ConnectionSecret.ReadHostMeetingUrl(await store.GetAsync(KeyOf(resource), cancellationToken));
    }

    /// <summary>
    /// Writes the Secret when it differs from <paramref name="details"/>; returns it as stored. Its key-version
    /// annotation goes up by one whenever the app_key it holds changes (<see cref="ConnectionSecret.KeyVersionAfter"/>).
    /// </summary>
    /// <param name="resource">The owner.</param>
    /// <param name="details">The project's current connection details.</param>
    /// <param name="convergedSecretVersion">
    /// The resourceVersion of the Secret as this process last converged the resource with, when the key comes from
    /// a GET: if the Secret is still that version and holds another key, the key was reset outside the operator.
    /// </param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<V1Secret> PublishAsync(CpaasProject resource, ConnectionDetails details, string? convergedSecretVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(details);
        var key = KeyOf(resource);
        var existing = await store.GetAsync(key, cancellationToken);
        CheckOwnership(resource, existing);
        if (convergedSecretVersion is not null &&
            string.Equals(existing?.Metadata?.ResourceVersion, convergedSecretVersion, StringComparison.Ordinal) &&
            ConnectionSecret.ReadAppKey(existing) is { } held &&
            !string.Equals(held, details.AppKey, StringComparison.Ordinal))
        {
            activity.KeyChangedOutOfBand(resource, details.AppId);
        }

        var wanted = ConnectionSecret.Build(resource, details, ConnectionSecret.KeyVersionAfter(existing, details.AppKey));
        await DeletePreviousAsync(resource, key.Name, cancellationToken);
        if (ConnectionSecret.IsCurrent(existing, wanted))
        {
            return existing!;
        }

        V1Secret written;
        if (existing is null)
        {
            // AlreadyExists (a 409) when the cache had not seen it yet: the reconcile is requeued and compares with it.
            written = await store.CreateAsync(wanted, cancellationToken);
        }
        else
        {
            wanted.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            wanted.Metadata.Labels = Merge(existing.Metadata.Labels, wanted.Metadata.Labels);
            wanted.Metadata.Annotations = Merge(existing.Metadata.Annotations, wanted.Metadata.Annotations);
            written = await store.ReplaceAsync(wanted, cancellationToken);
        }

        activity.SecretWritten(resource, key.Name, created: existing is null, firstTime: resource.Status?.ConnectionSecretName is null);
        return written;
    }

    private static ObjectKey KeyOf(CpaasProject resource) => new(resource.Metadata.NamespaceProperty, resource.EffectiveConnectionSecretName());

    private static void CheckOwnership(CpaasProject resource, V1Secret? existing)
    {
        if (ConnectionSecret.WhyNotOurs(existing, resource) is { } foreign)
        {
            var key = KeyOf(resource);
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                $"Secret {key.Namespace}/{key.Name} {foreign}; the operator will not replace its data: choose another spec.connectionSecret.name");
        }
    }

    /// <summary>After spec.connectionSecret.name changed, the old Secret (if still ours) goes.</summary>
    private async Task DeletePreviousAsync(CpaasProject resource, string currentName, CancellationToken cancellationToken)
    {
        var previous = resource.Status?.ConnectionSecretName;
        if (previous is null || previous == currentName)
        {
            return;
        }

        var key = new ObjectKey(resource.Metadata.NamespaceProperty, previous);
        var old = await store.GetAsync(key, cancellationToken);
        if (old?.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == resource.Metadata.Uid) == true)
        {
            await store.DeleteAsync(key, old.Metadata.Uid, cancellationToken);
        }
    }

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, IDictionary<string, string> ours)
    {
        var merged = existing is null ? new Dictionary<string, string>() : new Dictionary<string, string>(existing);
        foreach (var (k, v) in ours)
        {
            merged[k] = v;
        }

        return merged;
    }
}
