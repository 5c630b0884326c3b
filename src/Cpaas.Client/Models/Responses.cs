using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary>GET <c>/projects</c>.</summary>
public sealed record ProjectListResponse : CpaasEnvelope
{
    [JsonPropertyName("search")]
    public ProjectSearchEcho? Search { get; init; }

    [JsonPropertyName("projects")]
    public IReadOnlyList<ProjectSummary>? Projects { get; init; }
}

/// <summary>GET <c>/projects/{app_id}</c>.</summary>
public sealed record ProjectGetResponse : CpaasEnvelope
{
    [JsonPropertyName("project")]
    public ProjectDetails? Project { get; init; }
}

/// <summary>POST <c>/projects</c> (add) and POST <c>/projects/{app_id}/reset_key</c>: the new credentials.</summary>
public sealed record ProjectCredentialsResponse : CpaasEnvelope
{
    [JsonPropertyName("project")]
    public ProjectCredentials? Project { get; init; }
}

/// <summary>
/// POST <c>/projects/{app_id}</c> (edit) and PATCH video / voice / sms: the project reference is named <c>user</c>.
/// A <c>project</c> key is read too, in case a server names it that way.
/// </summary>
public sealed record ProjectUpdatedResponse : CpaasEnvelope
{
    [JsonPropertyName("user")]
    public ProjectReference? User { get; init; }

    [JsonPropertyName("project")]
    public ProjectReference? Project { get; init; }
}

/// <summary>PATCH <c>/projects/{app_id}/video-embed</c>: the project reference and the embed room.</summary>
public sealed record VideoEmbedResponse : CpaasEnvelope
{
    [JsonPropertyName("project")]
    public ProjectReference? Project { get; init; }

    [JsonPropertyName("room")]
    public EmbedRoom? Room { get; init; }
}

/// <summary>The embed room and its meeting URLs.</summary>
public sealed record EmbedRoom
{
    [JsonPropertyName("room_id")]
    public string? RoomId { get; init; }

    [JsonPropertyName("participant_meeting_url")]
    public string? ParticipantMeetingUrl { get; init; }

    [JsonPropertyName("host_meeting_url")]
    public string? HostMeetingUrl { get; init; }

    [JsonPropertyName("participant_iframe_embed")]
    public string? ParticipantIframeEmbed { get; init; }

    [JsonPropertyName("moderator_iframe_embed")]
    public string? ModeratorIframeEmbed { get; init; }
}
