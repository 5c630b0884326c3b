using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Http;
using Kube.Sandbox.Schema.Cel;

namespace Kube.Sandbox.Schema;

/// <summary>
/// Enforces x-kubernetes-validations rules written in the CEL subset <see cref="CelParser"/> understands
/// (self/oldSelf, has(), size(), comparisons, boolean logic, string helpers). Rules outside it are kept but not
/// enforced. Transition rules (those using oldSelf) run on updates where the old value exists, as in
/// kube-apiserver; unchanged values are not re-checked (validation ratcheting). List items are not correlated.
/// </summary>
public static class CelRules
{
    public static void Validate(JsonObject obj, JsonObject? old, JsonObject schema, List<StatusCause> causes) =>
        Walk(obj, old, old is not null, schema, string.Empty, causes);

    private static void Walk(JsonNode? value, JsonNode? old, bool hasOld, JsonObject schema, string path, List<StatusCause> causes)
    {
        if (value is null)
        {
            return;
        }

        if (hasOld && JsonNode.DeepEquals(value, old))
        {
            return;
        }

        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                Check(rule, value, old, hasOld, path, causes);
            }
        }

        switch (value)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (path.Length == 0 && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    var childSchema = schema["properties"]?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
                    if (childSchema is not null)
                    {
                        var oldObject = old as JsonObject;
                        var childHasOld = hasOld && oldObject is not null && oldObject.ContainsKey(key);
                        Walk(child, childHasOld ? oldObject![key] : null, childHasOld, childSchema, path.Length == 0 ? key : $"{path}.{key}", causes);
                    }
                }

                break;
            case JsonArray a when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], null, false, itemSchema, $"{path}[{i}]", causes);
                }

                break;
        }
    }

    private static void Check(JsonObject rule, JsonNode value, JsonNode? old, bool hasOld, string path, List<StatusCause> causes)
    {
        var text = (string?)rule["rule"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        bool passed;
        try
        {
            var expression = CelParser.Parse(text);
            if (expression.UsesOldSelf() && !hasOld)
            {
                return;
            }

            passed = CelEvaluator.EvaluateRule(expression, value, old);
        }
        catch (CelUnsupportedException)
        {
            return;
        }
        catch (OverflowException)
        {
            return;
        }

        if (passed)
        {
            return;
        }

        var message = (string?)rule["message"] ?? $"failed rule: {text}";
        var field = path + ((string?)rule["fieldPath"] ?? string.Empty);
        var cause = (string?)rule["reason"] switch
        {
            "FieldValueForbidden" => new StatusCause("FieldValueForbidden", $"Forbidden: {message}", field),
            "FieldValueRequired" => new StatusCause("FieldValueRequired", $"Required value: {message}", field),
            "FieldValueDuplicate" => new StatusCause("FieldValueDuplicate", $"Duplicate value: {message}", field),
            _ => new StatusCause("FieldValueInvalid", $"Invalid value: {JsonSerializer.Serialize(TypeName(value))}: {message}", field),
        };
        causes.Add(cause);
    }

    private static string TypeName(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => v.TryGetValue<long>(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };
}
