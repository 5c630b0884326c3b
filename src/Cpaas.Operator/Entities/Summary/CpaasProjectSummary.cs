using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Entities.Summary;

/// <summary>
/// What the CpaasProject informer caches of each resource (docs/decisions/0063-project-cache-summary.md): the
/// metadata, the spec's top-level fields that the drift sweep, the claims check and the credential handler read,
/// which service sections are present (not what they say), and three status fields. It is its own type so that
/// code reading the cache cannot reach a section's settings or a reconcile-only status field: such code does not
/// compile. A reconcile reads the whole <see cref="CpaasProject"/> with one GET. The same resource as
/// <see cref="CpaasProject"/> (group, version, kind, plural), decoded from the same list and watch JSON; nothing
/// ever writes a summary back (no client takes one).
/// </summary>
[KubernetesEntity(Group = WellKnownNames.Group, ApiVersion = WellKnownNames.Version, Kind = WellKnownNames.Kind, PluralName = WellKnownNames.Plural)]
public sealed class CpaasProjectSummary : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WellKnownNames.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WellKnownNames.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ProjectSummarySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ProjectSummaryStatus? Status { get; set; }

    /// <summary>The app name to use: spec.appName, or metadata.name (as <see cref="CpaasProject.EffectiveAppName"/>).</summary>
    public string EffectiveAppName() => ProjectDefaults.AppName(Spec.AppName, Metadata);

    /// <summary>The connection Secret name (as <see cref="CpaasProject.EffectiveConnectionSecretName"/>).</summary>
    public string EffectiveConnectionSecretName() => ProjectDefaults.ConnectionSecretName(Spec.ConnectionSecretName, Metadata);
}
