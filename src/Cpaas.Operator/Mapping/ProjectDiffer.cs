using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// Compares the desired sections with the project: readable fields with the actual values from GET, write-only
/// fields with the salted hash of the last applied input (docs/RECONCILE.md, "Diff"). Fields the spec does not set
/// are not managed.
/// </summary>
public static class ProjectDiffer
{
    /// <summary>
    /// The salted hash of every write-only input the spec sets, keyed by spec path: what status.appliedInputDigests
    /// records (as 8-character digests, AppliedInputDigests) once the inputs are applied.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HashWriteOnlyInputs(ProjectSections desired, WriteOnlyInputHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(hasher);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (section, node) in Nodes(desired))
        {
            foreach (var (path, value) in JsonLeaves.Flatten(node, section).Where(leaf => WriteOnlyFields.Contains(leaf.Key)))
            {
                var specPath = FieldPaths.ToSpecPath(path);
                hashes[specPath] = hasher.Hash(specPath, JsonLeaves.Canonical(value));
            }
        }

        return hashes;
    }

    /// <summary>
    /// The section PATCHes (only the keys that differ) and the changed field names. <paramref name="desiredHashes"/>
    /// are <see cref="HashWriteOnlyInputs"/> of <paramref name="desired"/>; <paramref name="applied"/> are the digests
    /// of the ones last applied (null: nothing applied yet).
    /// </summary>
    public static ProjectPlan Diff(
        ProjectSections desired,
        ProjectSections actual,
        IReadOnlyDictionary<string, string> desiredHashes,
        AppliedInputDigests? applied)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(desiredHashes);
        var compare = new Comparison(desiredHashes, applied ?? AppliedInputDigests.None);
        var sections = new ProjectSections(
            Section("video", desired.Video, actual.Video, returnedByGet: true, CpaasJsonContext.Default.VideoSettingsPatch, compare),
            Section("voice", desired.Voice, actual.Voice, returnedByGet: true, CpaasJsonContext.Default.VoiceSettingsPatch, compare),
            Section("sms", desired.Sms, actual.Sms, returnedByGet: true, CpaasJsonContext.Default.SmsSettings, compare),
            Section("embed", desired.Embed, null, returnedByGet: false, CpaasJsonContext.Default.VideoEmbedPatch, compare));
        return new ProjectPlan { Sections = sections, ChangedFields = compare.Changed };
    }

    private static IEnumerable<(string Section, JsonNode? Node)> Nodes(ProjectSections sections)
    {
        yield return ("video", Serialize(sections.Video, CpaasJsonContext.Default.VideoSettingsPatch));
        yield return ("voice", Serialize(sections.Voice, CpaasJsonContext.Default.VoiceSettingsPatch));
        yield return ("sms", Serialize(sections.Sms, CpaasJsonContext.Default.SmsSettings));
        yield return ("embed", Serialize(sections.Embed, CpaasJsonContext.Default.VideoEmbedPatch));
    }

    private static JsonNode? Serialize<T>(T? value, JsonTypeInfo<T> typeInfo)
        where T : class =>
        value is null ? null : JsonSerializer.SerializeToNode(value, typeInfo);

    private static T? Section<T>(string section, T? desired, T? actual, bool returnedByGet, JsonTypeInfo<T> typeInfo, Comparison compare)
        where T : class
    {
        if (desired is null)
        {
            return null;
        }

        var desiredLeaves = JsonLeaves.Flatten(JsonSerializer.SerializeToNode(desired, typeInfo), section);
        var actualNode = Serialize(actual, typeInfo);
        var changedLeaves = new List<KeyValuePair<string, JsonNode>>();

        // A section GET should return but did not (while the spec sets readable fields in it) was reset out of
        // band: the hashes of its write-only inputs no longer say what the project holds, so re-apply them too.
        var sectionLost = returnedByGet && actualNode is null
            && desiredLeaves.Keys.Any(path => !WriteOnlyFields.Contains(path));
        foreach (var (path, value) in desiredLeaves)
        {
            var specPath = FieldPaths.ToSpecPath(path);
            var differs = WriteOnlyFields.Contains(path)
                ? sectionLost || !compare.SameHash(specPath)
                : !JsonLeaves.Satisfies(value, Find(actualNode, path[(section.Length + 1)..]));
            if (differs)
            {
                changedLeaves.Add(KeyValuePair.Create(path, value));
                compare.Changed.Add(specPath);
            }
        }

        return changedLeaves.Count == 0
            ? null
            : JsonLeaves.Unflatten(changedLeaves, section).Deserialize(typeInfo);
    }

    private static JsonNode? Find(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private sealed record Comparison(IReadOnlyDictionary<string, string> Desired, AppliedInputDigests Applied)
    {
        public List<string> Changed { get; } = [];

        public bool SameHash(string specPath) =>
            Desired.TryGetValue(specPath, out var wanted) &&
            Applied.IsUnchanged(specPath, wanted);
    }
}
