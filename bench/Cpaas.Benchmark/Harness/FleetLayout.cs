using System.Globalization;

namespace Cpaas.Benchmark.Harness;

/// <summary>One resource of a fleet: namespace and name.</summary>
public readonly record struct FleetMember(string Namespace, string Name)
{
    public string Key => $"{Namespace}/{Name}";

    public override string ToString() => Key;
}

/// <summary>N resources spread round-robin over a few namespaces (<c>PREFIX-00</c>, <c>PREFIX-01</c>, ...).</summary>
public sealed record FleetLayout(int Count, int NamespaceCount, string Prefix = "bench", int FirstIndex = 0)
{
    public IReadOnlyList<string> Namespaces =>
        Enumerable.Range(0, Math.Max(1, NamespaceCount)).Select(NamespaceName).ToList();

    public IReadOnlyList<FleetMember> Members =>
        Enumerable.Range(FirstIndex, Count)
            .Select(i => new FleetMember(NamespaceName(i % Math.Max(1, NamespaceCount)), ProjectTemplate.ResourceName(i)))
            .ToList();

    private string NamespaceName(int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{i:D2}");
}
