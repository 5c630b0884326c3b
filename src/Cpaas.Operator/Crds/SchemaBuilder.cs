using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace Cpaas.Operator.Crds;

/// <summary>
/// Builds the structural OpenAPI v3 schema of a C# type from the serializer's own metadata (the source-generated
/// <see cref="JsonTypeInfo"/> of each type: its wire names, property types, collections and dictionaries) and the
/// schema attributes on its properties and classes. No reflection over members: it works in a Native AOT executable,
/// and a schema cannot describe a field the serializer does not write. Every property needs a [JsonPropertyName] (the
/// wire name) and a description (its own or its type's); a missing one throws.
/// </summary>
internal sealed class SchemaBuilder(JsonSerializerOptions json)
{
    public V1JSONSchemaProps ForType(Type type) => ForType(type, new Stack<Type>());

    /// <summary>The schema of one property, with its description and validation.</summary>
    public V1JSONSchemaProps ForProperty(JsonPropertyInfo property) => ForProperty(property, new Stack<Type>());

    /// <summary>The serializer's metadata of <paramref name="type"/>.</summary>
    public JsonTypeInfo TypeInfo(Type type) =>
        json.TryGetTypeInfo(type, out var info)
            ? info
            : throw new InvalidOperationException($"No JSON metadata for {type.FullName}: it is not reachable from a [JsonSerializable] type.");

    /// <summary>Whether the property is listed in its parent's <c>required</c>.</summary>
    public static bool IsRequired(JsonPropertyInfo property) => Attribute<RequiredAttribute>(property) is not null;

    /// <summary>The property's wire name, which must be declared (not derived from the C# name by a naming policy).</summary>
    public static string JsonName(JsonPropertyInfo property) =>
        Attribute<JsonPropertyNameAttribute>(property)?.Name
        ?? throw new InvalidOperationException($"{property.DeclaringType.Name}.{property.Name} has no [JsonPropertyName].");

    private static TAttribute? Attribute<TAttribute>(JsonPropertyInfo property)
        where TAttribute : Attribute =>
        Attributes<TAttribute>(property).FirstOrDefault();

    private static IEnumerable<TAttribute> Attributes<TAttribute>(JsonPropertyInfo property)
        where TAttribute : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(TAttribute), inherit: true).Cast<TAttribute>() ?? [];

    private V1JSONSchemaProps ForType(Type type, Stack<Type> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(V1Condition))
        {
            return ConditionSchema.Create();
        }

        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(double))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps
            {
                Type = "string",
                EnumProperty = [.. Enum.GetNames(type)],
            };
        }

        var info = TypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Dictionary when info.KeyType == typeof(string):
                return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(info.ElementType!, path) };
            case JsonTypeInfoKind.Enumerable:
                return new V1JSONSchemaProps { Type = "array", Items = ForType(info.ElementType!, path) };
            case JsonTypeInfoKind.Object when type.Namespace?.StartsWith("Cpaas.", StringComparison.Ordinal) == true:
                return ForObject(info, path);
            default:
                throw new InvalidOperationException($"No schema mapping for type {type.FullName}.");
        }
    }

    private V1JSONSchemaProps ForObject(JsonTypeInfo info, Stack<Type> path)
    {
        var type = info.Type;
        if (path.Contains(type))
        {
            throw new InvalidOperationException($"Recursive type {type.FullName}: structural schemas cannot recurse.");
        }

        path.Push(type);
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (Attribute<JsonIgnoreAttribute>(property) is not null)
            {
                continue;
            }

            var name = JsonName(property);
            properties[name] = ForProperty(property, path);
            if (IsRequired(property))
            {
                required.Add(name);
            }
        }

        path.Pop();

        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Properties = new Dictionary<string, V1JSONSchemaProps>(properties),
            Required = required.Count > 0 ? [.. required] : null,
        };
        AddValidationRules(schema, type.GetCustomAttributes<ValidationRuleAttribute>());
        if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        return schema;
    }

    private V1JSONSchemaProps ForProperty(JsonPropertyInfo property, Stack<Type> path)
    {
        var schema = ForType(property.PropertyType, path);
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

        schema.Description = Attribute<DescriptionAttribute>(property)?.Text
            ?? propertyType.GetCustomAttribute<DescriptionAttribute>()?.Text
            ?? throw new InvalidOperationException(
                $"{property.DeclaringType.Name}.{property.Name} has no [Description] (nor has its type).");

        if (Attribute<PatternAttribute>(property) is { } pattern)
        {
            schema.Pattern = pattern.Expression;
        }

        if (Attribute<FormatAttribute>(property) is { } format)
        {
            schema.Format = format.Format;
        }

        if (Attribute<RangeAttribute>(property) is { } range)
        {
            schema.Minimum = range.Minimum;
            schema.Maximum = range.Maximum;
        }

        if (Attribute<MinimumAttribute>(property) is { } minimum)
        {
            schema.Minimum = minimum.Value;
        }

        if (Attribute<MaximumAttribute>(property) is { } maximum)
        {
            schema.Maximum = maximum.Value;
        }

        if (Attribute<MinLengthAttribute>(property) is { } minLength)
        {
            schema.MinLength = minLength.Length;
        }

        if (Attribute<MaxLengthAttribute>(property) is { } maxLength)
        {
            schema.MaxLength = maxLength.Length;
        }

        if (Attribute<MaxItemsAttribute>(property) is { } maxItems)
        {
            schema.MaxItems = maxItems.Count;
        }

        if (Attribute<EnumValuesAttribute>(property) is { } values)
        {
            schema.EnumProperty = [.. values.Values];
        }

        if (Attribute<ListMapKeysAttribute>(property) is { } listMap)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [.. listMap.Keys];
        }

        if (Attribute<PreserveUnknownFieldsAttribute>(property) is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        // A property's own rules come in addition to its type's (added when the type's schema was built).
        var rules = Attributes<ValidationRuleAttribute>(property).ToList();
        if (Attribute<ImmutableAttribute>(property) is { } immutable)
        {
            rules.Insert(0, new ValidationRuleAttribute("self == oldSelf", immutable.Message));
        }

        AddValidationRules(schema, rules);
        return schema;
    }

    private static void AddValidationRules(V1JSONSchemaProps schema, IEnumerable<ValidationRuleAttribute> rules)
    {
        var list = rules.Select(rule => new V1ValidationRule { Rule = rule.Rule, Message = rule.Message }).ToList();
        if (list.Count == 0)
        {
            return;
        }

        schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. list];
    }
}
