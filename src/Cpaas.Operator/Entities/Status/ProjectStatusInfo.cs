using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>The project's own status fields from GET (status, status_ex, suspended_at).</summary>
[Description("Status of the project as the CPaaS API reports it.")]
public sealed record ProjectStatusInfo
{
    [JsonPropertyName("status")]
    [Description("Project status (status), for example active or suspended.")]
    public string? Status { get; init; }

    [JsonPropertyName("statusEx")]
    [Description("Status detail (status_ex).")]
    public string? StatusEx { get; init; }

    [JsonPropertyName("suspendedAt")]
    [Description("When the project was suspended (suspended_at), as the API reports it.")]
    public string? SuspendedAt { get; init; }
}
