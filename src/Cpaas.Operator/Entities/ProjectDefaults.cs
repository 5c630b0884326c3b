using k8s.Models;

namespace Cpaas.Operator.Entities;

/// <summary>
/// Defaults the operator applies in code and never writes into spec, shared by <see cref="CpaasProject"/> and the
/// cached <see cref="Summary.CpaasProjectSummary"/> so both name the same project and Secret.
/// </summary>
public static class ProjectDefaults
{
    /// <summary>spec.appName, or metadata.name.</summary>
    public static string AppName(string? specAppName, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return specAppName ?? metadata.Name;
    }

    /// <summary>spec.connectionSecret.name, or &lt;metadata.name&gt;-cpaas.</summary>
    public static string ConnectionSecretName(string? specName, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return specName ?? metadata.Name + WellKnownNames.ConnectionSecretSuffix;
    }
}
