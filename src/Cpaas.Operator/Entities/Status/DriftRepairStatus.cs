using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>When out-of-band changes were last reverted, and which fields (names only, never values).</summary>
[Description("The last correction of out-of-band changes.")]
public sealed record DriftRepairStatus
{
    [JsonPropertyName("time")]
    [Description("When the drift was repaired.")]
    public DateTime? Time { get; init; }

    [JsonPropertyName("fields")]
    [Description("Names of the fields that were corrected, for example video.notificationUrl. Never values.")]
    public IList<string>? Fields { get; init; }
}
