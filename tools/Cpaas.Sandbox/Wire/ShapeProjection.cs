using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>
/// Renders stored data through a documented response shape: only keys the shape shows are returned, in the shape's order.
/// With <c>fill</c>, keys never set are returned with an empty value of their type ("" / false / 0 / [] / null
/// for dates); without it they are left out.
/// </summary>
internal static class ShapeProjection
{
    public static JsonNode? Project(JsonNode? stored, JsonNode? template, bool fill)
    {
        switch (template)
        {
            case JsonObject objectTemplate:
                if (stored is not JsonObject storedObject)
                {
                    return fill ? DefaultOf(objectTemplate) : null;
                }

                var result = new JsonObject();
                foreach (var (key, childTemplate) in objectTemplate)
                {
                    if (storedObject.TryGetPropertyValue(key, out var child) && child is not null)
                    {
                        result[key] = Project(child, childTemplate, fill);
                    }
                    else if (fill)
                    {
                        result[key] = DefaultOf(childTemplate);
                    }
                }

                return result;

            case JsonArray arrayTemplate:
                if (stored is not JsonArray storedArray)
                {
                    return fill ? new JsonArray() : null;
                }

                var elementTemplate = arrayTemplate.Count > 0 ? arrayTemplate[0] : null;
                var items = new JsonArray();
                foreach (var item in storedArray)
                {
                    items.Add(elementTemplate is null ? item?.DeepClone() : Project(item, elementTemplate, fill));
                }

                return items;

            default:
                return stored is null || stored.GetValueKind() == JsonValueKind.Null
                    ? (fill ? ShapeLeaf.DefaultOf(ShapeLeaf.KindOf(template)) : null)
                    : stored.DeepClone();
        }
    }

    public static JsonNode? DefaultOf(JsonNode? template) => template switch
    {
        JsonObject objectTemplate => new JsonObject(
            objectTemplate.Select(p => KeyValuePair.Create(p.Key, DefaultOf(p.Value)))),
        JsonArray => new JsonArray(),
        _ => ShapeLeaf.DefaultOf(ShapeLeaf.KindOf(template)),
    };
}
