using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Schema;

/// <summary>
/// Validates an object against a CRD's structural schema (OpenAPI v3 subset) and words the problems the way
/// kube-apiserver does, so kubectl shows the same messages as against a real cluster.
/// x-kubernetes-validations (CEL) rules are kept in the CRD but not evaluated.
/// </summary>
public static partial class SchemaValidator
{
    public static void Validate(JsonObject obj, JsonObject schema, List<StatusCause> causes)
    {
        // The root is validated property by property: apiVersion, kind and metadata are the server's business.
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, propertyNode) in properties)
            {
                if (name is "apiVersion" or "kind" or "metadata" || propertyNode is not JsonObject propertySchema)
                {
                    continue;
                }

                if (obj.TryGetPropertyValue(name, out var value))
                {
                    ValidateNode(value, propertySchema, name, causes);
                }
            }
        }

        foreach (var required in Strings(schema["required"]))
        {
            if (required is not ("apiVersion" or "kind" or "metadata") && !obj.ContainsKey(required))
            {
                causes.Add(Required(required));
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(v => (string?)v).OfType<string>() : [];

    private static StatusCause Required(string path) => new("FieldValueRequired", "Required value", path);

    private static StatusCause Invalid(string path, JsonNode? value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {Show(value)}: {detail}", path);

    // field.Invalid prints strings quoted, numbers and booleans bare, compound values by their type name.
    private static string Show(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    private static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static bool IsInteger(JsonValue v) =>
        v.TryGetValue<decimal>(out var d) ? decimal.Truncate(d) == d : v.TryGetValue<double>(out var f) && Math.Floor(f) == f;

    private static void ValidateNode(JsonNode? value, JsonObject schema, string path, List<StatusCause> causes)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                var expected = (string?)schema["type"];
                if (expected is not null)
                {
                    causes.Add(Invalid(path, null, $"{path} in body must be of type {expected}: \"null\""));
                }
            }

            return;
        }

        var intOrString = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        var actual = TypeName(value);
        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
            {
                causes.Add(Invalid(path, value, $"{path} in body must be of type integer,string: \"{actual}\""));
                return;
            }
        }
        else if ((string?)schema["type"] is { } type && !TypeMatches(type, actual))
        {
            causes.Add(Invalid(path, value, $"{path} in body must be of type {type}: \"{actual}\""));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a is JsonValue av && av.GetValueKind() == JsonValueKind.String ? JsonSerializer.Serialize((string?)av) : a?.ToJsonString()));
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: {Show(value)}: supported values: {list}", path));
        }

        switch (value)
        {
            case JsonObject o:
                ValidateObject(o, schema, path, causes);
                break;
            case JsonArray a:
                ValidateArray(a, schema, path, causes);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                ValidateString(v.GetValue<string>(), v, schema, path, causes);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                ValidateNumber(v.GetValue<decimal>(), v, schema, path, causes);
                break;
        }
    }

    private static bool TypeMatches(string expected, string actual) =>
        expected == actual || (expected == "number" && actual == "integer");

    private static void ValidateObject(JsonObject o, JsonObject schema, string path, List<StatusCause> causes)
    {
        foreach (var required in Strings(schema["required"]))
        {
            if (!o.ContainsKey(required))
            {
                causes.Add(Required($"{path}.{required}"));
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in o)
            {
                if (properties[name] is JsonObject propertySchema)
                {
                    ValidateNode(value, propertySchema, $"{path}.{name}", causes);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    ValidateNode(value, additional, $"{path}.{name}", causes);
                }
            }
        }
        else if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var (name, value) in o)
            {
                ValidateNode(value, additional, $"{path}.{name}", causes);
            }
        }

        if ((int?)schema["minProperties"] is { } minProperties && o.Count < minProperties)
        {
            causes.Add(Invalid(path, o, $"{path} in body should have at least {minProperties} properties"));
        }

        if ((int?)schema["maxProperties"] is { } maxProperties && o.Count > maxProperties)
        {
            causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {o.Count}: must have at most {maxProperties} items", path));
        }
    }

    private static void ValidateArray(JsonArray a, JsonObject schema, string path, List<StatusCause> causes)
    {
        if ((int?)schema["minItems"] is { } minItems && a.Count < minItems)
        {
            causes.Add(Invalid(path, JsonValue.Create(a.Count), $"{path} in body should have at least {minItems} items"));
        }

        if ((int?)schema["maxItems"] is { } maxItems && a.Count > maxItems)
        {
            causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {a.Count}: must have at most {maxItems} items", path));
        }

        if (schema["uniqueItems"]?.GetValue<bool>() == true)
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (a.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, a[i])))
                {
                    causes.Add(new StatusCause("FieldValueDuplicate", $"Duplicate value: {Show(a[i])}", $"{path}[{i}]"));
                }
            }
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < a.Count; i++)
            {
                ValidateNode(a[i], itemSchema, $"{path}[{i}]", causes);
            }
        }
    }

    private static void ValidateString(string s, JsonNode value, JsonObject schema, string path, List<StatusCause> causes)
    {
        var length = new StringInfo(s).LengthInTextElements;
        if ((int?)schema["minLength"] is { } minLength && length < minLength)
        {
            causes.Add(Invalid(path, value, $"{path} in body should be at least {minLength} chars long"));
        }

        if ((int?)schema["maxLength"] is { } maxLength && length > maxLength)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {maxLength} bytes", path));
        }

        if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            causes.Add(Invalid(path, value, $"{path} in body should match '{pattern}'"));
        }

        if ((string?)schema["format"] is { } format && !FormatMatches(format, s))
        {
            causes.Add(Invalid(path, value, $"{path} in body must be of type {format}: {JsonSerializer.Serialize(s)}"));
        }
    }

    private static void ValidateNumber(decimal n, JsonNode value, JsonObject schema, string path, List<StatusCause> causes)
    {
        var exclusiveMinimum = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
        var exclusiveMaximum = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
        if (schema["minimum"] is JsonValue minNode && minNode.GetValue<decimal>() is var min && (exclusiveMinimum ? n <= min : n < min))
        {
            causes.Add(Invalid(path, value, $"{path} in body should be greater than {(exclusiveMinimum ? string.Empty : "or equal to ")}{Number(minNode)}"));
        }

        if (schema["maximum"] is JsonValue maxNode && maxNode.GetValue<decimal>() is var max && (exclusiveMaximum ? n >= max : n > max))
        {
            causes.Add(Invalid(path, value, $"{path} in body should be less than {(exclusiveMaximum ? string.Empty : "or equal to ")}{Number(maxNode)}"));
        }

        if (schema["multipleOf"] is JsonValue multipleNode && multipleNode.GetValue<decimal>() is var multiple && multiple != 0 && n % multiple != 0)
        {
            causes.Add(Invalid(path, value, $"{path} in body should be a multiple of {Number(multipleNode)}"));
        }

        if ((string?)schema["format"] is "int32" && (n < int.MinValue || n > int.MaxValue || decimal.Truncate(n) != n))
        {
            causes.Add(Invalid(path, value, $"{path} in body must be of type int32: \"{n.ToString(CultureInfo.InvariantCulture)}\""));
        }
    }

    private static string Number(JsonValue v) => v.ToJsonString();

    [GeneratedRegex("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex Email();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex("^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex Hostname();

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    private static bool FormatMatches(string format, string s) => format switch
    {
        "date-time" or "datetime" => DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "email" => Email().IsMatch(s),
        "uri" or "url" => Uri.TryCreate(s, UriKind.Absolute, out _),
        "uuid" => Uuid().IsMatch(s),
        "hostname" => s.Length <= 255 && Hostname().IsMatch(s),
        "ipv4" => IPAddress.TryParse(s, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && s.Count(c => c == '.') == 3,
        "ipv6" => IPAddress.TryParse(s, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "cidr" => IPNetwork.TryParse(s, out _),
        "byte" => IsBase64(s),
        "duration" => GoDuration().IsMatch(s),
        _ => true,
    };

    private static bool IsBase64(string s)
    {
        Span<byte> buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}
