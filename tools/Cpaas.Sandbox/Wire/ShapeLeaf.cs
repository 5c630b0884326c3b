using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>The type a leaf of a documented example stands for ("String", "Boolean", "Integer", ... or a literal value).</summary>
internal enum LeafKind
{
    String,
    Boolean,
    Number,
    Integer,
    Date,
    /// <summary>gdrive's <c>access_file</c> ("File-JSON"): a JSON document, sent as a string or an object.</summary>
    FileJson,
}

internal static class ShapeLeaf
{
    /// <summary>
    /// Reads the API documentation's notation: type names stand for types ("Boolean", the s3 section's "boolean", gdrive's "true"),
    /// literal examples (true, "cover", "#FFF", "120") stand for their own JSON type.
    /// </summary>
    public static LeafKind KindOf(JsonNode? template)
    {
        if (template is not JsonValue value)
        {
            return LeafKind.String;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => LeafKind.Boolean,
            JsonValueKind.Number => LeafKind.Number,
            JsonValueKind.String => KindOfName(value.GetValue<string>().Trim()),
            _ => LeafKind.String,
        };
    }

    private static LeafKind KindOfName(string name) => name switch
    {
        "Boolean" or "boolean" or "true" or "false" => LeafKind.Boolean,
        "Number" => LeafKind.Number,
        "Integer" => LeafKind.Integer,
        "Date" => LeafKind.Date,
        "File-JSON" => LeafKind.FileJson,
        _ => LeafKind.String,
    };

    public static JsonNode? DefaultOf(LeafKind kind) => kind switch
    {
        LeafKind.Boolean => JsonValue.Create(false),
        LeafKind.Number or LeafKind.Integer => JsonValue.Create(0),
        LeafKind.Date => null,
        _ => JsonValue.Create(string.Empty),
    };

    public static bool Accepts(LeafKind kind, JsonNode value)
    {
        var valueKind = value.GetValueKind();
        return kind switch
        {
            LeafKind.Boolean => valueKind is JsonValueKind.True or JsonValueKind.False,
            LeafKind.Number => valueKind is JsonValueKind.Number,
            LeafKind.Integer => valueKind is JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
            LeafKind.FileJson => valueKind is JsonValueKind.String or JsonValueKind.Object,
            _ => valueKind is JsonValueKind.String,
        };
    }

    public static string Describe(LeafKind kind) => kind switch
    {
        LeafKind.Boolean => "a boolean",
        LeafKind.Number => "a number",
        LeafKind.Integer => "an integer",
        LeafKind.FileJson => "a JSON document (string or object)",
        LeafKind.Date => "a date string",
        _ => "a string",
    };
}
