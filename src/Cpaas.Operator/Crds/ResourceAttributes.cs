namespace Cpaas.Operator.Crds;

// Attributes on the root entity class that describe the custom resource definition itself (names, printer
// columns). Group, version, kind and plural come from KubernetesClient's KubernetesEntityAttribute.

/// <summary>Short names for kubectl (<c>kubectl get cpp</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>Categories the resource belongs to (<c>kubectl get cpaas</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CategoriesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>The resource is cluster scoped (default: namespaced).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ClusterScopedAttribute : Attribute;

/// <summary>
/// A column of <c>kubectl get</c>, in attribute order (<see cref="Order"/>). Type is an OpenAPI type or
/// <c>date</c>; priority 0 shows in the default view, higher only with <c>-o wide</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    public int Order { get; } = order;
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public string? Description { get; init; }
    public int Priority { get; init; }
}
