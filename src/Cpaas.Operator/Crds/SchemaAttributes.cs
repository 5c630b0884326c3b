namespace Cpaas.Operator.Crds;

// Attributes that carry the OpenAPI schema of a custom resource on its C# types, so that the types and the
// generated CRD can never disagree. The generator (CrdGenerator) is the only reader.

/// <summary>The schema description of a property, class or enum. Every schema node needs one.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Enum)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>The property must be present (its parent object lists it in <c>required</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>A regular expression (ECMA 262, as the API server evaluates it) that a string must match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string expression) : Attribute
{
    public string Expression { get; } = expression;
}

/// <summary>An OpenAPI string format such as <c>uri</c> or <c>date-time</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>Inclusive numeric bounds (minimum and maximum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute(double minimum, double maximum) : Attribute
{
    public double Minimum { get; } = minimum;
    public double Maximum { get; } = maximum;
}

/// <summary>Inclusive lower bound of a number.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

/// <summary>Inclusive upper bound of a number.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

/// <summary>Minimum length of a string.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}

/// <summary>Maximum length of a string.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}

/// <summary>Maximum number of items of an array.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>
/// The allowed values of a string property. C# enum properties get their enum from the enum's member names
/// and need no attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>Keep fields the schema does not list (x-kubernetes-preserve-unknown-fields).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>
/// Once the property has a value it cannot change: a CEL transition rule <c>self == oldSelf</c>. It can still be
/// set when it was absent; add a <see cref="ValidationRuleAttribute"/> on the parent to forbid removal.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ImmutableAttribute(string message) : Attribute
{
    public string Message { get; } = message;
}

/// <summary>A CEL rule (x-kubernetes-validations) on the schema of this class or property.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
}

/// <summary>A list whose items are identified by the given keys (x-kubernetes-list-type: map).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
