using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Cpaas.Operator.Tests.Support;

/// <summary>
/// Checks JSON against a CRD's structural schema the way the API server would reject it: types, required fields,
/// unknown fields (which the server would silently prune), enums, patterns, lengths and numeric bounds.
/// CEL rules are not evaluated.
/// </summary>
internal static class SchemaValidator
{
    public static IReadOnlyList<string> Validate(JsonNode? value, V1JSONSchemaProps schema, string path)
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static void Check(JsonNode? value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value is null)
        {
            errors.Add($"{path}: null");
            return;
        }

        switch (schema.Type)
        {
            case "object":
                CheckObject(value, schema, path, errors);
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], (V1JSONSchemaProps)schema.Items, $"{path}[{i}]", errors);
                }

                break;
            case "string":
                CheckString(value, schema, path, errors);
                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean, got {value.ToJsonString()}");
                }

                break;
            case "integer" or "number":
                CheckNumber(value, schema, path, errors);
                break;
            default:
                errors.Add($"{path}: schema type '{schema.Type}' unknown to the validator");
                break;
        }
    }

    private static void CheckObject(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value is not JsonObject obj)
        {
            errors.Add($"{path}: expected an object");
            return;
        }

        foreach (var required in schema.Required ?? [])
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add($"{path}.{required}: required");
            }
        }

        foreach (var (name, child) in obj)
        {
            if (schema.Properties?.TryGetValue(name, out var propertySchema) == true)
            {
                Check(child, propertySchema, $"{path}.{name}", errors);
            }
            else if (schema.AdditionalProperties is V1JSONSchemaProps additional)
            {
                Check(child, additional, $"{path}.{name}", errors);
            }
            else if (schema.XKubernetesPreserveUnknownFields != true && schema.Properties is not null)
            {
                errors.Add($"{path}.{name}: unknown field (the API server would prune it)");
            }
        }
    }

    private static void CheckString(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"{path}: expected a string, got {value.ToJsonString()}");
            return;
        }

        var text = value.GetValue<string>();
        if (schema.MinLength is { } min && text.Length < min)
        {
            errors.Add($"{path}: shorter than {min}");
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            errors.Add($"{path}: longer than {max}");
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: '{text}' does not match {pattern}");
        }

        if (schema.EnumProperty is { } values && !values.Contains(text))
        {
            errors.Add($"{path}: '{text}' is not one of {string.Join(", ", values)}");
        }

        if (schema.Format == "date-time" && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            errors.Add($"{path}: '{text}' is not a date-time");
        }
    }

    private static void CheckNumber(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            errors.Add($"{path}: expected a number, got {value.ToJsonString()}");
            return;
        }

        var number = double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        if (schema.Type == "integer" && number != Math.Floor(number))
        {
            errors.Add($"{path}: expected an integer, got {number}");
        }

        if (schema.Minimum is { } minimum && number < minimum)
        {
            errors.Add($"{path}: {number} is below {minimum}");
        }

        if (schema.Maximum is { } maximum && number > maximum)
        {
            errors.Add($"{path}: {number} is above {maximum}");
        }
    }
}
