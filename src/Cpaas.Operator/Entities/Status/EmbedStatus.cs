using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>The public parts of the embed room from the video-embed response; the host URL goes to the Secret only.</summary>
[Description("The embed room created by the video-embed settings.")]
public sealed record EmbedStatus
{
    [JsonPropertyName("roomId")]
    [Description("Id of the embed room (room_id).")]
    public string? RoomId { get; init; }

    [JsonPropertyName("participantMeetingUrl")]
    [Description("URL participants join the room with (participant_meeting_url). The host URL is in the connection Secret.")]
    public string? ParticipantMeetingUrl { get; init; }
}
