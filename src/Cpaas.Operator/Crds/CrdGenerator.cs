using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Controller.Runtime.Serialization;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.Crds;

/// <summary>
/// Generates CustomResourceDefinitions from entity types (KubernetesEntityAttribute + schema attributes) and
/// renders them as the YAML checked in under config/crds. The schema comes from the operator's source-generated JSON
/// metadata (<see cref="OperatorJson"/>), so generation works the same in the Native AOT executable.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The command that regenerates the checked-in CRDs, from the repository root.</summary>
    public const string Command = "dotnet run --project src/Cpaas.Operator -- generate-crds --output config/crds";

    /// <summary>Every custom resource the operator defines.</summary>
    public static IReadOnlyList<Type> EntityTypes { get; } = [typeof(CpaasProject)];

    private static KubeJson CrdJson { get; } = new(CrdJsonContext.Default);

    public static V1CustomResourceDefinition Generate(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{entityType.Name} has no [KubernetesEntity].");
        var plural = entity.PluralName ?? throw new InvalidOperationException($"{entityType.Name} names no plural.");
        var schemas = new SchemaBuilder(OperatorJson.Kube.Options);
        var info = schemas.TypeInfo(entityType);

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{plural}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = entityType.GetCustomAttribute<ClusterScopedAttribute>() is null ? "Namespaced" : "Cluster",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = plural,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = entityType.GetCustomAttribute<ShortNamesAttribute>()?.Names.ToList(),
                    Categories = entityType.GetCustomAttribute<CategoriesAttribute>()?.Names.ToList(),
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = RootSchema(schemas, info) },
                        Subresources = info.Properties.Any(p => p.Name == "status")
                            ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() }
                            : null,
                        AdditionalPrinterColumns = PrinterColumns(entityType),
                    },
                ],
            },
        };
    }

    /// <summary>The file name under config/crds, as controller-gen names it: &lt;group&gt;_&lt;plural&gt;.yaml.</summary>
    public static string FileName(V1CustomResourceDefinition crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        return $"{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml";
    }

    /// <summary>The YAML written to config/crds: a do-not-edit header, then the CRD.</summary>
    public static string ToYaml(V1CustomResourceDefinition crd)
    {
        var yaml = KubernetesYamlWriter.Write(crd, CrdJson.Options).ReplaceLineEndings("\n");
        return $"# Generated from the C# types in src/Cpaas.Operator/Entities. Do not edit: run\n#   {Command}\n{yaml.TrimEnd('\n')}\n";
    }

    // The root lists apiVersion, kind and metadata as the API server expects; only spec and status come from the type.
    private static V1JSONSchemaProps RootSchema(SchemaBuilder schemas, JsonTypeInfo entity)
    {
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["apiVersion"] = new()
            {
                Type = "string",
                Description = "APIVersion defines the versioned schema of this representation of an object.",
            },
            ["kind"] = new()
            {
                Type = "string",
                Description = "Kind is a string value representing the REST resource this object represents.",
            },
            ["metadata"] = new() { Type = "object" },
        };
        var required = new List<string>();
        foreach (var property in entity.Properties)
        {
            var name = SchemaBuilder.JsonName(property);
            if (name is not ("spec" or "status"))
            {
                continue;
            }

            properties[name] = schemas.ForProperty(property);
            if (SchemaBuilder.IsRequired(property))
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = entity.Type.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Properties = new Dictionary<string, V1JSONSchemaProps>(properties),
            Required = required.Count > 0 ? required : null,
        };
    }

    private static List<V1CustomResourceColumnDefinition>? PrinterColumns(Type entityType)
    {
        var columns = entityType.GetCustomAttributes<PrinterColumnAttribute>()
            .OrderBy(column => column.Order)
            .Select(column => new V1CustomResourceColumnDefinition
            {
                Name = column.Name,
                Type = column.Type,
                JsonPath = column.JsonPath,
                Description = column.Description,
                Priority = column.Priority == 0 ? null : column.Priority,
            })
            .ToList();
        return columns.Count > 0 ? columns : null;
    }
}
