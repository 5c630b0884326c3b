using System.Collections.Concurrent;
using System.Globalization;
using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What the drift sweep needs from the reconcile path about each project's <c>updated_at</c>
/// (docs/decisions/0040-drift-sweep.md, 0042): the value the last GET showed and when the operator last wrote to the
/// project since (a write the sweep has a GET check). Only a GET's updated_at is ever recorded. Kept in memory (the freshest value) and in status.observedUpdatedAt, which is written only with a
/// status write that happens anyway, so a restarted operator starts from it. Also the operator's check of the
/// sweep's assumption: a full observe that finds drift while updated_at had not moved reports the account to
/// <paramref name="missedDrift"/> (the sweep then reads every page of that account).
/// </summary>
public sealed class ProjectUpdatedAt(TimeProvider time, Action<CpaasAccount> missedDrift)
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();

    /// <summary>The updated_at recorded at the resource's last converge: this process's, else its status's; null when unknown.</summary>
    public DateTimeOffset? AtConverge(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return AtConverge(ObjectKey.From(resource), resource.Status?.ObservedUpdatedAt);
    }

    /// <summary>The same, for a cached summary (the drift sweep).</summary>
    public DateTimeOffset? AtConverge(CpaasProjectSummary resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return AtConverge(ObjectKey.From(resource), resource.Status?.ObservedUpdatedAt);
    }

    private DateTimeOffset? AtConverge(ObjectKey key, string? observedUpdatedAt) =>
        _entries.TryGetValue(key, out var entry) && entry.UpdatedAt is { } known ? known : Parse(observedUpdatedAt);

    /// <summary>When the operator last wrote to the project after its last GET (an unchecked write); null when it has not.</summary>
    public DateTimeOffset? LastOwnWriteAt(ObjectKey key) => _entries.TryGetValue(key, out var entry) ? entry.LastOwnWriteAt : null;

    /// <summary>
    /// A full observe found drift (out-of-band changes it reverts). When the project's updated_at is the one
    /// recorded at the last converge and no write of the operator was unchecked (the sweep asks a GET for those,
    /// moved or not), the sweep could not have seen it: reported as missed drift of the account.
    /// </summary>
    public void DriftFound(CpaasProject resource, CpaasAccount account, DateTimeOffset? observedUpdatedAt)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (observedUpdatedAt is { } observed && AtConverge(resource) is { } recorded && observed == recorded &&
            LastOwnWriteAt(ObjectKey.From(resource)) is null)
        {
            missedDrift(account);
        }
    }

    /// <summary>
    /// The resource converged. <paramref name="observedUpdatedAt"/>: what this reconcile's GET showed (null: no GET,
    /// the previous value stays); <paramref name="wrote"/>: this reconcile wrote to the project (add, Edit, PATCH, reset_key).
    /// </summary>
    public void Converged(ObjectKey key, DateTimeOffset? observedUpdatedAt, bool wrote) =>
        _entries.AddOrUpdate(
            key,
            _ => new Entry(observedUpdatedAt, wrote ? time.GetUtcNow() : null),
            (_, previous) => new Entry(
                observedUpdatedAt ?? previous.UpdatedAt,
                wrote ? time.GetUtcNow() : observedUpdatedAt is null ? previous.LastOwnWriteAt : null));

    /// <summary>What status.observedUpdatedAt should say when status is written anyway.</summary>
    public string? ForStatus(CpaasProject resource) =>
        AtConverge(resource)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;

    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);

    private sealed record Entry(DateTimeOffset? UpdatedAt, DateTimeOffset? LastOwnWriteAt);
}
