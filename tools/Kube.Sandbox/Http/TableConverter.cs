using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;

namespace Kube.Sandbox.Http;

/// <summary>
/// Renders objects as meta.k8s.io Table (what kubectl get asks for) or as PartialObjectMetadata(List).
/// </summary>
public static class TableConverter
{
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

    /// <summary>An object's metadata only (every field of it, as meta.AsPartialObjectMetadata copies), nothing else.</summary>
    public static JsonObject PartialMetadata(JsonObject obj, string apiVersion = "meta.k8s.io/v1") => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = apiVersion,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    /// <summary>A list's items reduced to their metadata, with the list's resourceVersion, continue and remainingItemCount.</summary>
    public static JsonObject PartialMetadataList(JsonObject list, string apiVersion = "meta.k8s.io/v1") => new()
    {
        ["kind"] = "PartialObjectMetadataList",
        ["apiVersion"] = apiVersion,
        ["metadata"] = list["metadata"]?.DeepClone() ?? new JsonObject(),
        ["items"] = new JsonArray((list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (JsonNode)PartialMetadata(i, apiVersion)).ToArray()),
    };
}
