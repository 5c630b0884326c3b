namespace Controller.Runtime.Resources;

/// <summary>Marks a custom entity class whose kind is cluster-scoped (kinds are namespaced unless marked).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClusterScopedAttribute : Attribute
{
}
