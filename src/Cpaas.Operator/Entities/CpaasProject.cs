using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Entities;

/// <summary>An EnableX CPaaS project managed declaratively: <c>cpaas.enablex.io/v1alpha1</c>, kind CpaasProject.</summary>
[KubernetesEntity(Group = WellKnownNames.Group, ApiVersion = WellKnownNames.Version, Kind = WellKnownNames.Kind, PluralName = WellKnownNames.Plural)]
[Description("An EnableX CPaaS project managed by cpaas-operator.")]
[ShortNames("cpp")]
[Categories("cpaas")]
[PrinterColumn(0, "App ID", "string", ".status.appId", Description = "App id of the CPaaS project")]
[PrinterColumn(1, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Description = "The project exists, is in sync and its Secret is current")]
[PrinterColumn(2, "Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Description = "Reason of the Ready condition")]
[PrinterColumn(3, "Status", "string", ".status.projectStatus.status", Description = "Project status reported by the CPaaS API", Priority = 1)]
[PrinterColumn(4, "Age", "date", ".metadata.creationTimestamp")]
public sealed class CpaasProject : IKubernetesObject<V1ObjectMeta>, ISpec<CpaasProjectSpec>, IStatus<CpaasProjectStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WellKnownNames.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WellKnownNames.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [Description("The desired EnableX CPaaS project.")]
    [Required]
    public CpaasProjectSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [Description("Observed state of the CPaaS project. Never holds a secret value.")]
    public CpaasProjectStatus? Status { get; set; }

    /// <summary>The app name to use: spec.appName, or metadata.name (never written back into spec).</summary>
    public string EffectiveAppName() => ProjectDefaults.AppName(Spec.AppName, Metadata);

    /// <summary>The connection Secret name: spec.connectionSecret.name, or &lt;metadata.name&gt;-cpaas.</summary>
    public string EffectiveConnectionSecretName() => ProjectDefaults.ConnectionSecretName(Spec.ConnectionSecret?.Name, Metadata);

    /// <summary>The deletion policy: spec.deletionPolicy, or Retain.</summary>
    public DeletionPolicy EffectiveDeletionPolicy() => Spec.DeletionPolicy ?? DeletionPolicy.Retain;

    /// <summary>The adoption policy: spec.adoptionPolicy, or Never.</summary>
    public AdoptionPolicy EffectiveAdoptionPolicy() => Spec.AdoptionPolicy ?? AdoptionPolicy.Never;

    /// <summary>Whether the operator may write to the project (managementPolicy Manage, the default).</summary>
    public bool IsManaged() => (Spec.ManagementPolicy ?? ManagementPolicy.Manage) == ManagementPolicy.Manage;
}
