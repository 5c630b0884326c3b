using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The project as the spec wants it, computed locally from the resource and its resolved secret values, before any
/// CPaaS call: the add body, and the salted hashes of every write-only input (compared with
/// <c>status.appliedInputHashes</c> to notice a changed secret or embed setting without a GET).
/// </summary>
public sealed record DesiredProject(
    CpaasProject Resource,
    IReadOnlyDictionary<SecretKeySelector, string> SecretValues,
    ProjectCreateRequest CreateRequest,
    DesiredSections Sections,
    AppliedInputHasher Hasher,
    IReadOnlyDictionary<string, string> InputHashes)
{
    public string AppName => CreateRequest.AppName ?? Resource.EffectiveAppName();

    public bool HasEmbed => Resource.Spec.Embed is not null;

    /// <summary>True when a write-only input differs from what was last applied (or was never applied).</summary>
    public bool WriteOnlyInputsChangedSince(IDictionary<string, string>? applied)
    {
        if (applied is null)
        {
            return InputHashes.Count > 0;
        }

        return InputHashes.Count != applied.Count ||
               InputHashes.Any(kv => !applied.TryGetValue(kv.Key, out var previous) || !string.Equals(previous, kv.Value, StringComparison.Ordinal));
    }

    public override string ToString() => $"DesiredProject {{ AppName = {AppName}, Secrets = {SecretValues.Count} (values hidden) }}";
}
