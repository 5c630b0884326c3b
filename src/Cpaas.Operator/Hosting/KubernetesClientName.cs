using Controller.Runtime.Client;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// How the operator names itself to the Kubernetes API: User-Agent <c>cpaas-operator/VERSION</c> on every request (audit
/// logs) and field manager <c>cpaas-operator</c> on every write (managedFields). See docs/decisions/0066-kubernetes-client-identity.md.
/// </summary>
public static class KubernetesClientName
{
    public const string FieldManager = "cpaas-operator";

    /// <summary>The operator's version: its assembly's, as in the CPaaS User-Agent.</summary>
    public static string Version { get; } = typeof(KubernetesClientName).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static KubeClientIdentity Identity { get; } = new($"cpaas-operator/{Version}", FieldManager);
}
