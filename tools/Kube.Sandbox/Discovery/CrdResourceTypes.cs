using System.Globalization;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>Turns a stored CustomResourceDefinition into the resource types it serves, one per served version.</summary>
public static class CrdResourceTypes
{
    public static IEnumerable<ResourceType> From(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var names = spec?["names"] as JsonObject;
        var group = (string?)spec?["group"];
        var plural = (string?)names?["plural"];
        var kind = (string?)names?["kind"];
        if (spec is null || names is null || group is null || plural is null || kind is null)
        {
            yield break;
        }

        var namespaced = !string.Equals((string?)spec["scope"], "Cluster", StringComparison.Ordinal);
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var schema = version["schema"]?["openAPIV3Schema"] as JsonObject;
            yield return new ResourceType
            {
                Group = group,
                Version = (string?)version["name"] ?? "v1",
                Kind = kind,
                Plural = plural,
                Singular = (string?)names["singular"] ?? kind.ToLowerInvariant(),
                Namespaced = namespaced,
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is JsonObject,
                IsCustom = true,
                Schema = schema?.DeepClone().AsObject(),
                Columns = ColumnsOf(version["additionalPrinterColumns"] as JsonArray),
            };
        }
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => (string?)n).OfType<string>().ToArray() : [];

    private static IReadOnlyList<PrinterColumn> ColumnsOf(JsonArray? columns)
    {
        if (columns is null || columns.Count == 0)
        {
            return [BuiltinResources.NameColumn, BuiltinResources.AgeColumn];
        }

        var result = new List<PrinterColumn> { BuiltinResources.NameColumn };
        foreach (var column in columns.OfType<JsonObject>())
        {
            var name = (string?)column["name"] ?? string.Empty;
            var type = (string?)column["type"] ?? "string";
            var path = (string?)column["jsonPath"] ?? string.Empty;
            var priority = (int?)column["priority"] ?? 0;
            result.Add(new PrinterColumn(name, type, (string?)column["format"] ?? string.Empty, (string?)column["description"] ?? string.Empty, priority, (o, now) => Cell(o, path, type, now)));
        }

        return result;
    }

    // Like apiextensions' table convertor: dates become ages, scalars are printed as-is, compound values as JSON.
    private static JsonNode? Cell(JsonObject obj, string path, string type, DateTimeOffset now)
    {
        var value = JsonPathExpression.Evaluate(obj, path);
        if (value is null)
        {
            return null;
        }

        if (type == "date" && value is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return HumanDuration.Since(at, now);
        }

        return value is JsonValue ? value.DeepClone() : value.ToJsonString();
    }
}
