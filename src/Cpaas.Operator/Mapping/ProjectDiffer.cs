using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// Compares the desired PATCH bodies with the project: readable fields with the actual values from GET,
/// write-only fields with the salted hash of the last applied input. Fields the spec does not set are not managed.
/// </summary>
public static class ProjectDiffer
{
    public static ProjectDiff Diff(
        DesiredSections desired,
        ActualSections actual,
        IReadOnlyDictionary<string, string>? appliedInputHashes,
        AppliedInputHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(hasher);
        var previous = appliedInputHashes ?? new Dictionary<string, string>();
        var changed = new List<string>();
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var video = Section("video", desired.Video, actual.Video, returnedByGet: true, CpaasJsonContext.Default.VideoSettingsPatch, previous, hasher, changed, hashes);
        var voice = Section("voice", desired.Voice, actual.Voice, returnedByGet: true, CpaasJsonContext.Default.VoiceSettingsPatch, previous, hasher, changed, hashes);
        var sms = Section("sms", desired.Sms, actual.Sms, returnedByGet: true, CpaasJsonContext.Default.SmsSettings, previous, hasher, changed, hashes);
        var embed = Section("embed", desired.Embed, null, returnedByGet: false, CpaasJsonContext.Default.VideoEmbedPatch, previous, hasher, changed, hashes);

        return new ProjectDiff(video, voice, sms, embed, changed, hashes);
    }

    private static T? Section<T>(
        string section,
        T? desired,
        T? actual,
        bool returnedByGet,
        JsonTypeInfo<T> typeInfo,
        IReadOnlyDictionary<string, string> previous,
        AppliedInputHasher hasher,
        List<string> changed,
        SortedDictionary<string, string> hashes)
        where T : class
    {
        if (desired is null)
        {
            return null;
        }

        var desiredLeaves = JsonLeaves.Flatten(JsonSerializer.SerializeToNode(desired, typeInfo), section);
        var actualNode = actual is null ? null : JsonSerializer.SerializeToNode(actual, typeInfo);
        var changedLeaves = new List<KeyValuePair<string, JsonNode>>();

        // A section GET should return but did not (while the spec sets readable fields in it) was reset out of
        // band: the hashes of its write-only inputs no longer say what the project holds, so re-apply them too.
        var sectionLost = returnedByGet && actualNode is null
            && desiredLeaves.Keys.Any(path => !WriteOnlyFields.Contains(path));
        foreach (var (path, value) in desiredLeaves)
        {
            var specPath = FieldPaths.ToSpecPath(path);
            bool differs;
            if (WriteOnlyFields.Contains(path))
            {
                var hash = hasher.Hash(specPath, JsonLeaves.Canonical(value));
                hashes[specPath] = hash;
                differs = sectionLost || !previous.TryGetValue(specPath, out var applied) || applied != hash;
            }
            else
            {
                differs = !JsonLeaves.Satisfies(value, Find(actualNode, path[(section.Length + 1)..]));
            }

            if (differs)
            {
                changedLeaves.Add(KeyValuePair.Create(path, value));
                changed.Add(specPath);
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
}
