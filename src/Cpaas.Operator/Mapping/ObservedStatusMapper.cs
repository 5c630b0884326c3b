using System.Globalization;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>The parts of status that come straight from GET and the embed response (never the app key or host URL).</summary>
public static class ObservedStatusMapper
{
    public static ProjectStatusInfo ProjectStatus(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectStatusInfo
        {
            Status = project.Status,
            StatusEx = project.StatusEx,
            SuspendedAt = project.SuspendedAt?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        };
    }

    public static ServicesStatus Services(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ServicesStatus
        {
            Video = project.ServicesIncl?.Video,
            Sms = project.ServicesIncl?.Sms,
            Voice = project.ServicesIncl?.Voice,
        };
    }

    /// <summary>Room id and participant URL only: the host URL is a credential and goes to the connection Secret.</summary>
    public static EmbedStatus? Embed(EmbedRoom? room) =>
        room is null ? null : new EmbedStatus { RoomId = room.RoomId, ParticipantMeetingUrl = room.ParticipantMeetingUrl };
}
