using System.Text.Json.Serialization;
using k8s.Models;

namespace Cpaas.Operator.Entities.Summary;

/// <summary>
/// The status fields a <see cref="CpaasProjectSummary"/> keeps, under the JSON names of <see cref="CpaasProjectStatus"/>:
/// the project it holds (claims, the sweep), the API's updated_at at the last converge (the sweep) and the
/// conditions (fleet metrics). The rest of the status is passed over while decoding and never built.
/// </summary>
public sealed record ProjectSummaryStatus
{
    [JsonPropertyName("appId")]
    public string? AppId { get; init; }

    [JsonPropertyName("observedUpdatedAt")]
    public string? ObservedUpdatedAt { get; init; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; init; }
}
