using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>
/// OpenAPI v3 as kubectl 1.32 reads it: an index of group-versions (/openapi/v3) and one document per
/// group-version whose PATCH operations carry x-kubernetes-group-version-kind and the fieldValidation query
/// parameter. With that, kubectl apply uses server-side field validation (fieldValidation=Strict) instead of
/// client-side schema validation. Built-in PATCH operations deliberately do not list strategic merge patch, so
/// kubectl computes strategic merge patches from its compiled-in types (exact patch metadata).
/// </summary>
public static class OpenApiDocuments
{
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions(catalog))
        {
            var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            var hash = Hash(Document(catalog, group, version)!);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    private static IEnumerable<(string Group, string Version)> GroupVersions(ResourceCatalog catalog) =>
        catalog.Types.Select(t => (t.Group, t.Version)).Distinct();

    public static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];

    /// <summary>The document for "api/v1" or "apis/G/V"; null when that group-version is not served.</summary>
    public static JsonObject? Document(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.InGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            ["io.k8s.apimachinery.pkg.apis.meta.v1.Patch"] = new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." },
            ["io.k8s.apimachinery.pkg.apis.meta.v1.Status"] = new JsonObject { ["type"] = "object" },
        };
        foreach (var type in types.Where(t => !t.IsVirtual))
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type);
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var collection = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(type, "list", schemaName, false),
                ["post"] = Operation(type, "post", schemaName, false),
                ["parameters"] = PathParameters(type.Namespaced, false),
            };
            paths[$"{collection}/{{name}}"] = ItemPath(type, schemaName, type.Verbs.Contains("patch"));
            if (type.HasStatus)
            {
                paths[$"{collection}/{{name}}/status"] = ItemPath(type, schemaName, true);
            }
        }

        foreach (var type in types.Where(t => t.IsVirtual))
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type);
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            paths[$"{prefix}/{type.Plural}"] = new JsonObject { ["post"] = Operation(type, "post", schemaName, false) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject ItemPath(ResourceType type, string schemaName, bool patch)
    {
        var item = new JsonObject
        {
            ["get"] = Operation(type, "get", schemaName, false),
            ["put"] = Operation(type, "put", schemaName, true),
            ["delete"] = Operation(type, "delete", schemaName, false),
            ["parameters"] = PathParameters(type.Namespaced, true),
        };
        if (patch)
        {
            item["patch"] = Operation(type, "patch", schemaName, true);
        }

        return item;
    }

    private static string SchemaName(ResourceType type)
    {
        var group = type.Group.Length == 0 ? "io.k8s.api.core" : string.Join('.', type.Group.Split('.').Reverse());
        return $"{group}.{type.Version}.{type.Kind}";
    }

    private static JsonObject KindSchema(ResourceType type)
    {
        var schema = type.Schema?.DeepClone().AsObject() ?? new JsonObject
        {
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
        return schema;
    }

    private static JsonObject Gvk(ResourceType type) => new() { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };

    private static JsonObject Parameter(string name, string type, string @in = "query") => new()
    {
        ["name"] = name,
        ["in"] = @in,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonArray PathParameters(bool namespaced, bool named)
    {
        var parameters = new JsonArray();
        if (named)
        {
            var name = Parameter("name", "string", "path");
            name["required"] = true;
            parameters.Add(name);
        }

        if (namespaced)
        {
            var ns = Parameter("namespace", "string", "path");
            ns["required"] = true;
            parameters.Add(ns);
        }

        parameters.Add(Parameter("pretty", "string"));
        return parameters;
    }

    private static JsonObject Operation(ResourceType type, string action, string schemaName, bool hasBody)
    {
        var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(type),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
        };

        var parameters = new JsonArray(Parameter("dryRun", "string"), Parameter("fieldManager", "string"));
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(Parameter("fieldValidation", "string"));
        }

        if (action == "patch")
        {
            parameters.Add(Parameter("force", "boolean"));
            var patchSchema = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } };
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["application/json-patch+json"] = patchSchema.DeepClone(),
                    ["application/merge-patch+json"] = patchSchema.DeepClone(),
                    ["application/apply-patch+yaml"] = patchSchema.DeepClone(),
                },
                ["required"] = true,
            };
        }
        else if (hasBody || action == "post")
        {
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                ["required"] = true,
            };
        }

        operation["parameters"] = parameters;
        return operation;
    }
}
