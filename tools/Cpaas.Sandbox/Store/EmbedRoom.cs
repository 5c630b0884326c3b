namespace Cpaas.Sandbox.Store;

/// <summary>
/// The meeting room created by a project's first video-embed configuration. <see cref="HostToken"/> is the path
/// segment of the host URL; the URLs follow the project's current subdomain.
/// </summary>
public sealed record EmbedRoom(string RoomId, string HostToken)
{
    public string ParticipantMeetingUrl(string subdomain, string domain) => $"https://{subdomain}.{domain}/{RoomId}";

    public string HostMeetingUrl(string subdomain, string domain) => $"https://{subdomain}.{domain}/host/{HostToken}";
}
