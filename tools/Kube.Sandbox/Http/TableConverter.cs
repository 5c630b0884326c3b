using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;

namespace Kube.Sandbox.Http;

/// <summary>
/// Renders objects as meta.k8s.io/v1 Table (what kubectl get asks for) or as PartialObjectMetadata(List).
/// </summary>
public static class TableConverter
{
    public static bool WantsTable(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    public static bool WantsMetadata(string? accept) => accept?.Contains("as=PartialObjectMetadata", StringComparison.Ordinal) == true;

    public static JsonObject ToTable(ResourceType type, IEnumerable<JsonObject> objects, JsonObject? listMetadata, string includeObject, DateTimeOffset now, bool withColumns = true)
    {
        var columns = type.Columns.Count > 0 ? type.Columns : [BuiltinResources.NameColumn, BuiltinResources.AgeColumn];
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject
            {
                ["cells"] = new JsonArray(columns.Select(c => c.Cell(obj, now)).ToArray()),
            };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = obj.DeepClone();
                    break;
                default:
                    row["object"] = PartialMetadata(obj);
                    break;
            }

            rows.Add(row);
        }

        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata?.DeepClone() ?? new JsonObject(),
        };
        if (withColumns)
        {
            table["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            }).ToArray());
        }
        else
        {
            table["columnDefinitions"] = null;
        }

        table["rows"] = rows;
        return table;
    }

    public static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    public static JsonObject PartialMetadataList(JsonObject list) => new()
    {
        ["kind"] = "PartialObjectMetadataList",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = list["metadata"]?.DeepClone(),
        ["items"] = new JsonArray((list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (JsonNode)PartialMetadata(i)).ToArray()),
    };
}
