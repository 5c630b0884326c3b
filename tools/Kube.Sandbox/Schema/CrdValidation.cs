using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Schema;

/// <summary>
/// The checks kube-apiserver makes on a CustomResourceDefinition that a CRD generator most easily gets wrong:
/// name = plural.group, names, scope, exactly one storage version, and a structural schema (typed root and fields).
/// </summary>
public static class CrdValidation
{
    public static IEnumerable<StatusCause> Validate(JsonObject crd)
    {
        var name = (string?)crd["metadata"]?["name"] ?? string.Empty;
        var spec = crd["spec"] as JsonObject;
        if (spec is null)
        {
            yield return Required("spec");
            yield break;
        }

        var group = (string?)spec["group"];
        var names = spec["names"] as JsonObject;
        var plural = (string?)names?["plural"];
        if (string.IsNullOrEmpty(group))
        {
            yield return Required("spec.group");
        }

        if (string.IsNullOrEmpty(plural))
        {
            yield return Required("spec.names.plural");
        }
        else if (plural != plural.ToLowerInvariant())
        {
            yield return Invalid("spec.names.plural", plural, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }

        if (string.IsNullOrEmpty((string?)names?["kind"]))
        {
            yield return Required("spec.names.kind");
        }

        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != $"{plural}.{group}")
        {
            yield return Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }

        var scope = (string?)spec["scope"];
        if (scope is not ("Namespaced" or "Cluster"))
        {
            yield return new StatusCause("FieldValueNotSupported", $"Unsupported value: {JsonSerializer.Serialize(scope ?? string.Empty)}: supported values: \"Cluster\", \"Namespaced\"", "spec.scope");
        }

        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (versions.Count == 0)
        {
            yield return Invalid("spec.versions", "[]", "must have exactly one version marked as storage version");
            yield break;
        }

        if (versions.Count(v => v["storage"]?.GetValue<bool>() == true) != 1)
        {
            yield return new StatusCause("FieldValueInvalid", "Invalid value: \"versions\": must have exactly one version marked as storage version", "spec.versions");
        }

        for (var i = 0; i < versions.Count; i++)
        {
            var path = $"spec.versions[{i}].schema.openAPIV3Schema";
            if (versions[i]["schema"]?["openAPIV3Schema"] is not JsonObject schema)
            {
                yield return new StatusCause("FieldValueRequired", "Required value: schemas are required", path);
                continue;
            }

            if ((string?)schema["type"] != "object")
            {
                yield return schema["type"] is null
                    ? new StatusCause("FieldValueRequired", "Required value: must not be empty at the root", path + ".type")
                    : new StatusCause("FieldValueInvalid", $"Invalid value: {JsonSerializer.Serialize((string?)schema["type"])}: must be object at the root", path + ".type");
            }

            foreach (var cause in Untyped(schema, path))
            {
                yield return cause;
            }
        }
    }

    // A structural schema types every specified field (int-or-string and preserve-unknown-fields excepted).
    private static IEnumerable<StatusCause> Untyped(JsonObject schema, string path)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                if (value is not JsonObject property)
                {
                    continue;
                }

                var propertyPath = $"{path}.properties[{key}]";
                var exempt = property["x-kubernetes-int-or-string"]?.GetValue<bool>() == true
                    || property["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
                if (property["type"] is null && !exempt)
                {
                    yield return new StatusCause("FieldValueRequired", "Required value: must not be empty for specified object fields", propertyPath + ".type");
                }

                foreach (var cause in Untyped(property, propertyPath))
                {
                    yield return cause;
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            if (items["type"] is null && items["x-kubernetes-int-or-string"] is null && items["x-kubernetes-preserve-unknown-fields"] is null)
            {
                yield return new StatusCause("FieldValueRequired", "Required value: must not be empty for specified array items", path + ".items.type");
            }

            foreach (var cause in Untyped(items, path + ".items"))
            {
                yield return cause;
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var cause in Untyped(additional, path + ".additionalProperties"))
            {
                yield return cause;
            }
        }
    }

    private static StatusCause Required(string field) => new("FieldValueRequired", "Required value", field);

    private static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {JsonSerializer.Serialize(value)}: {detail}", field);
}
