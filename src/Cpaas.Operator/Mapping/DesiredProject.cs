using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The project as the spec wants it, computed locally from the resource and its resolved secret values before any
/// CPaaS call: the add body, the full section PATCH bodies, and the salted hashes of every write-only input
/// (compared with the digests in status.appliedInputDigests to notice a changed secret or embed setting without a GET).
/// </summary>
public sealed record DesiredProject(
    CpaasProject Resource,
    ProjectCreateRequest Add,
    ProjectSections Sections,
    IReadOnlyDictionary<string, string> InputHashes)
{
    public string AppName => Add.AppName ?? Resource.EffectiveAppName();

    public bool HasEmbed => Sections.Embed is not null;

    /// <summary>
    /// Hashes are salted per resource (its uid), so they survive restarts and equal inputs of two resources never
    /// hash alike.
    /// </summary>
    /// <exception cref="MissingSecretValueException">A referenced secret value is not in <paramref name="secretValues"/>.</exception>
    public static DesiredProject From(CpaasProject resource, IReadOnlyDictionary<SecretKeySelector, string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var sections = ProjectSections.FromSpec(resource.Spec, secretValues);
        var hasher = new WriteOnlyInputHasher(resource.Metadata.Uid ?? resource.Metadata.Name);
        return new DesiredProject(resource, ProjectRequestMapper.ToAddRequest(resource), sections, ProjectDiffer.HashWriteOnlyInputs(sections, hasher));
    }

    /// <summary>True when a write-only input differs from what was last applied (or was never applied).</summary>
    public bool WriteOnlyInputsChangedSince(AppliedInputDigests? applied) =>
        applied is null ? InputHashes.Count > 0 : !applied.Matches(InputHashes);

    public override string ToString() => $"DesiredProject {{ AppName = {AppName}, Sections = {Sections}, WriteOnlyInputs = {InputHashes.Count} }}";
}
