using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Controller.Runtime;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The resources whose current generation and inputs failed for a reason only a change can fix (invalid input).
/// The runtime does not retry a terminal failure, but events still arrive (the operator's own marker removal, a
/// Secret event that changed nothing it reads): those end here, without a second CPaaS call. A new generation or a
/// changed credentials or referenced Secret value, or another Secret (or none) at the connection Secret's name, makes the inputs differ, and the resource is tried again.
/// </summary>
public sealed class TerminalFailureMemory
{
    private readonly ConcurrentDictionary<ObjectKey, (string? Uid, long? Generation, string Fingerprint, string? TargetVersion)> _failed = new();

    /// <param name="resource">The resource that failed.</param>
    /// <param name="inputs">Its resolved inputs.</param>
    /// <param name="targetVersion">The resourceVersion of the Secret at its connection Secret's name (null: none there).</param>
    public void Record(CpaasProject resource, ResolvedInputs inputs, string? targetVersion)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(inputs);
        _failed[ObjectKey.From(resource)] = (resource.Metadata.Uid, resource.Metadata.Generation, Fingerprint(inputs), targetVersion);
    }

    /// <summary>True when this generation with these inputs already failed terminally; otherwise the memory is cleared.</summary>
    public bool IsUnchangedSinceFailure(CpaasProject resource, ResolvedInputs inputs, string? targetVersion)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(inputs);
        var key = ObjectKey.From(resource);
        if (!_failed.TryGetValue(key, out var failed))
        {
            return false;
        }

        if (failed.Uid == resource.Metadata.Uid && failed.Generation == resource.Metadata.Generation && failed.Fingerprint == Fingerprint(inputs) &&
            string.Equals(failed.TargetVersion, targetVersion, StringComparison.Ordinal))
        {
            return true;
        }

        _failed.TryRemove(key, out _);
        return false;
    }

    public void Forget(ObjectKey key) => _failed.TryRemove(key, out _);

    /// <summary>Identifies the resolved inputs (in memory only) to tell a changed Secret from an unchanged one.</summary>
    private static string Fingerprint(ResolvedInputs inputs)
    {
        var text = new StringBuilder(inputs.Account.ApiId).Append('\n').Append(inputs.Account.ApiKey);
        foreach (var (selector, value) in inputs.SecretValues.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(selector.Name).Append('/').Append(selector.Key).Append('=').Append(value);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
