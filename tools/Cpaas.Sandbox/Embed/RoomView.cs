using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Store;

namespace Cpaas.Sandbox.Embed;

/// <summary>Creates embed rooms and renders the <c>room</c> object of the video-embed response, as documented.</summary>
internal static class RoomView
{
    public static EmbedRoom NewRoom(DateTimeOffset now)
    {
        var roomId = ProjectIds.NewHexId(now);
        var hostCode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var hostToken = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{roomId}-{hostCode}"));
        return new EmbedRoom(roomId, hostToken);
    }

    public static JsonObject Render(EmbedRoom room, string subdomain, string domain)
    {
        var participantUrl = room.ParticipantMeetingUrl(subdomain, domain);
        var hostUrl = room.HostMeetingUrl(subdomain, domain);
        return new JsonObject
        {
            ["room_id"] = room.RoomId,
            ["participant_meeting_url"] = participantUrl,
            ["host_meeting_url"] = hostUrl,
            ["participant_iframe_embed"] = Iframe(participantUrl),
            ["moderator_iframe_embed"] = Iframe(hostUrl),
        };
    }

    private static string Iframe(string url) =>
        $"<iframe \n allow=\"camera; microphone; fullscreen; speaker; display-capture\"\nsrc=\"{url}\">\n</iframe>";
}
