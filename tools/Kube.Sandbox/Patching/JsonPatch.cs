using System.Globalization;
using System.Text.Json.Nodes;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var document = target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = (string?)operation["op"] ?? throw Fail("missing op");
            var path = (string?)operation["path"] ?? throw Fail("missing path");
            switch (op)
            {
                case "add":
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    {
                        var from = (string?)operation["from"] ?? throw Fail("missing from");
                        var value = Get(document, from);
                        Remove(document, from);
                        document = Add(document, path, value);
                        break;
                    }

                case "copy":
                    {
                        var from = (string?)operation["from"] ?? throw Fail("missing from");
                        document = Add(document, path, Get(document, from)?.DeepClone());
                        break;
                    }

                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), operation["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }

                    break;
                default:
                    throw Fail($"Unexpected kind: {op}");
            }
        }

        return document;
    }

    private static ApiException Fail(string message) => new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");

    private static string[] Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw Fail($"invalid path {path}");
        }

        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode document, string path) => Get(document, Tokens(path), path);

    private static JsonNode? Get(JsonNode document, IEnumerable<string> tokens, string path)
    {
        JsonNode? node = document;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Fail($"doc is missing path: \"{path}\""),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value ?? throw Fail("cannot replace the document with null");
        }

        var parent = Get(document, tokens[..^1], path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Fail($"doc is missing path: \"{path}\"");
        }

        return document;
    }

    private static void Remove(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            throw Fail("cannot remove the whole document");
        }

        var parent = Get(document, tokens[..^1], path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Fail($"unable to remove nonexistent key: {last}: missing value");
        }
    }
}
