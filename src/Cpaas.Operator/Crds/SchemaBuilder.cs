using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Cpaas.Operator.Crds;

/// <summary>
/// Builds the structural OpenAPI v3 schema of a C# type from its properties and schema attributes. Every property
/// needs a [JsonPropertyName] (the wire name) and a description (its own or its type's); a missing one throws, so
/// a type that would serialize differently from its schema cannot be generated.
/// </summary>
internal static class SchemaBuilder
{
    public static V1JSONSchemaProps ForType(Type type) => ForType(type, new Stack<Type>());

    /// <summary>The schema of one property, with its description and validation.</summary>
    public static V1JSONSchemaProps ForProperty(PropertyInfo property) => ForProperty(property, new Stack<Type>());

    /// <summary>Whether the property is listed in its parent's <c>required</c>.</summary>
    public static bool IsRequired(PropertyInfo property) => property.GetCustomAttribute<RequiredAttribute>() is not null;

    /// <summary>The property's wire name.</summary>
    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name} has no [JsonPropertyName].");

    private static V1JSONSchemaProps ForType(Type type, Stack<Type> path)
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

        if (DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(valueType, path) };
        }

        if (ListItemType(type) is { } itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForType(itemType, path) };
        }

        if (type.IsClass && type.Namespace?.StartsWith("Cpaas.", StringComparison.Ordinal) == true)
        {
            return ForObject(type, path);
        }

        throw new InvalidOperationException($"No schema mapping for type {type.FullName}.");
    }

    private static V1JSONSchemaProps ForObject(Type type, Stack<Type> path)
    {
        if (path.Contains(type))
        {
            throw new InvalidOperationException($"Recursive type {type.FullName}: structural schemas cannot recurse.");
        }

        path.Push(type);
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
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

    private static V1JSONSchemaProps ForProperty(PropertyInfo property, Stack<Type> path)
    {
        var schema = ForType(property.PropertyType, path);
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Text
            ?? propertyType.GetCustomAttribute<DescriptionAttribute>()?.Text
            ?? throw new InvalidOperationException(
                $"{property.DeclaringType?.Name}.{property.Name} has no [Description] (nor has its type).");

        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            schema.Pattern = pattern.Expression;
        }

        if (property.GetCustomAttribute<FormatAttribute>() is { } format)
        {
            schema.Format = format.Format;
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = range.Minimum;
            schema.Maximum = range.Maximum;
        }

        if (property.GetCustomAttribute<MinimumAttribute>() is { } minimum)
        {
            schema.Minimum = minimum.Value;
        }

        if (property.GetCustomAttribute<MaximumAttribute>() is { } maximum)
        {
            schema.Maximum = maximum.Value;
        }

        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            schema.MinLength = minLength.Length;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            schema.MaxLength = maxLength.Length;
        }

        if (property.GetCustomAttribute<MaxItemsAttribute>() is { } maxItems)
        {
            schema.MaxItems = maxItems.Count;
        }

        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            schema.EnumProperty = [.. values.Values];
        }

        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } listMap)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [.. listMap.Keys];
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        // A property's own rules come in addition to its type's (added when the type's schema was built).
        var rules = property.GetCustomAttributes<ValidationRuleAttribute>().ToList();
        if (property.GetCustomAttribute<ImmutableAttribute>() is { } immutable)
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

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ListItemType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
            ? GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    private static Type? GenericInterface(Type type, Type openGeneric) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == openGeneric
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);
}
