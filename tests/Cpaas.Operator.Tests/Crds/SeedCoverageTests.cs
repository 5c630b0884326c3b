using System.Text.Json;
using Cpaas.Operator.Tests.Support;
using k8s.Models;

namespace Cpaas.Operator.Tests.Crds;

/// <summary>
/// The spec sections mirror the documented PATCH bodies exactly: every documented key has a spec property at the same path
/// (snake_case to camelCase; a secret-valued key becomes &lt;camelKey&gt;SecretRef), and no spec property is
/// invented. The API documentation's examples are copied verbatim into TestData (docs/cpaas-api.md).
/// </summary>
public sealed class SeedCoverageTests
{
    /// <summary>The documented keys whose values are secrets: they become SecretKeySelectors.</summary>
    private static readonly HashSet<string> SecretSeedKeys =
        ["password", "encryption_key", "access_key_id", "secret_key", "access_file", "access_key"];

    public static TheoryData<string, string> Sections => new()
    {
        { "seed-patch-video.json", "video" },
        { "seed-patch-voice.json", "voice" },
        { "seed-patch-sms.json", "sms" },
        { "seed-patch-video-embed.json", "embed" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_seed_PATCH_key_maps_to_a_spec_property_and_nothing_is_invented(string seedFile, string section)
    {
        using var seed = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestData(seedFile)));
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        CollectSeedPaths(seed.RootElement, string.Empty, expected);

        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        CollectSchemaPaths(GeneratedSchema.Spec.Properties[section], string.Empty, actual);

        var missing = expected.Keys.Except(actual.Keys).ToList();
        var invented = actual.Keys.Except(expected.Keys).ToList();
        Assert.True(missing.Count == 0, $"spec.{section} lacks seed keys: {string.Join(", ", missing)}");
        Assert.True(invented.Count == 0, $"spec.{section} has keys the seed does not show: {string.Join(", ", invented)}");
        // The documented "Number" is satisfied by an integer schema too (pixel offsets).
        var wrongType = expected.Where(pair => pair.Value != actual[pair.Key] && !(pair.Value == "number" && actual[pair.Key] == "integer"))
            .Select(pair => $"{pair.Key}: seed {pair.Value}, schema {actual[pair.Key]}")
            .ToList();
        Assert.True(wrongType.Count == 0, $"spec.{section} types differ from the seed: {string.Join("; ", wrongType)}");
    }

    [Theory]
    [InlineData("record_individual", "recordIndividual")]
    [InlineData("IN", "IN")]
    [InlineData("deviceSetting", "deviceSetting")]
    [InlineData("to_participants_wb", "toParticipantsWb")]
    [InlineData("password", "passwordSecretRef")]
    [InlineData("access_key_id", "accessKeyIdSecretRef")]
    public void Seed_keys_map_to_camel_case_and_secrets_to_secret_refs(string seedKey, string specName)
    {
        Assert.Equal(specName, SpecName(seedKey));
    }

    private static string SpecName(string seedKey)
    {
        var parts = seedKey.Split('_');
        var camel = parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return SecretSeedKeys.Contains(seedKey) ? camel + "SecretRef" : camel;
    }

    private static void CollectSeedPaths(JsonElement element, string prefix, IDictionary<string, string> paths)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = Join(prefix, SpecName(property.Name));
            if (SecretSeedKeys.Contains(property.Name))
            {
                paths[path] = "secretRef";
                continue;
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    paths[path] = "object";
                    CollectSeedPaths(value, path, paths);
                    break;
                case JsonValueKind.Array:
                    paths[path] = "array";
                    foreach (var item in value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object))
                    {
                        CollectSeedPaths(item, path + "[]", paths);
                    }

                    break;
                default:
                    paths[path] = SeedLeafType(value);
                    break;
            }
        }
    }

    // The API documentation writes types as words ("Boolean", "Number") or as example values (true, "120").
    // Example strings that are numbers ("120") stay strings; "true"/"boolean" are booleans (gdrive.opted, s3.env_auth).
    private static string SeedLeafType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => value.GetString()!.Trim() switch
        {
            "Boolean" or "boolean" or "true" or "false" => "boolean",
            "Number" => "number",
            "Integer" => "integer",
            _ => "string",
        },
        _ => throw new InvalidOperationException($"Unexpected seed value {value}"),
    };

    private static void CollectSchemaPaths(V1JSONSchemaProps schema, string prefix, IDictionary<string, string> paths)
    {
        foreach (var (name, property) in schema.Properties)
        {
            var path = Join(prefix, name);
            if (name.EndsWith("SecretRef", StringComparison.Ordinal))
            {
                paths[path] = IsSecretKeySelector(property) ? "secretRef" : "not a SecretKeySelector";
                continue;
            }

            paths[path] = property.Type;
            if (property.Type == "object")
            {
                CollectSchemaPaths(property, path, paths);
            }
            else if (property.Type == "array" && property.Items is V1JSONSchemaProps { Type: "object" } items)
            {
                CollectSchemaPaths(items, path + "[]", paths);
            }
        }
    }

    internal static bool IsSecretKeySelector(V1JSONSchemaProps schema) =>
        schema.Type == "object"
        && schema.Properties.Keys.Order(StringComparer.Ordinal).SequenceEqual(["key", "name"])
        && schema.Required?.Order(StringComparer.Ordinal).SequenceEqual(["key", "name"]) == true;

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
}
