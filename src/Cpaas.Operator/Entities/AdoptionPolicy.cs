using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// What a resource with no known project (no status.appId, no app-id annotation, no spec.appId) does
/// (docs/RECONCILE.md, "Identity and adoption").
/// </summary>
[Description("What to do when the resource holds no known project: Never (default) creates one; AdoptOrCreate adopts the single unclaimed project named appName, else creates; AdoptOnly adopts it, else reports ProjectNotFound and never creates.")]
[JsonConverter(typeof(JsonStringEnumConverter<AdoptionPolicy>))]
public enum AdoptionPolicy
{
    Never,
    AdoptOrCreate,
    AdoptOnly,
}
