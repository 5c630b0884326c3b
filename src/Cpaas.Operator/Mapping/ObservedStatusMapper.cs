using System.Globalization;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The one mapper from what the CPaaS API said to the status parts that come from it (never the app key or the
/// host URL). Where this reconcile wrote the value itself (add, or an Edit of status or services), the written
/// value is used: GET would return it, so the status is right from the first Ready without another call.
/// </summary>
public static class ObservedStatusMapper
{
    /// <param name="observed">The GET of this reconcile; null for a project it just added.</param>
    /// <param name="appliedEdit">The Edit this reconcile made, if any.</param>
    public static ProjectStatusInfo ProjectStatus(ProjectDetails? observed, ProjectUpdateRequest? appliedEdit)
    {
        if (appliedEdit?.Status is { } written && !string.Equals(written, observed?.Status, StringComparison.OrdinalIgnoreCase))
        {
            // status_ex and suspended_at are the API's to fill: the next GET shows them.
            return new ProjectStatusInfo { Status = written };
        }

        if (observed is null)
        {
            // A project is created active (add has no status field; docs/cpaas-api.md).
            return new ProjectStatusInfo { Status = ProjectStatusValues.Active };
        }

        return new ProjectStatusInfo
        {
            Status = observed.Status,
            StatusEx = observed.StatusEx,
            SuspendedAt = Timestamp(observed.SuspendedAt),
        };
    }

    /// <summary>services_incl as GET shows it, or as this reconcile wrote it (add or Edit).</summary>
    public static ServicesStatus? Services(ProjectDetails? observed, ProjectUpdateRequest? appliedEdit, ProjectCreateRequest add)
    {
        ArgumentNullException.ThrowIfNull(add);
        var services = appliedEdit?.ServicesIncl ?? (observed is null ? add.ServicesIncl : observed.ServicesIncl);
        return services is null ? null : new ServicesStatus { Video = services.Video, Sms = services.Sms, Voice = services.Voice };
    }

    /// <summary>Room id and participant URL only: the host URL is a credential and goes to the connection Secret.</summary>
    public static EmbedStatus? Embed(EmbedRoom? room) =>
        room is null ? null : new EmbedStatus { RoomId = room.RoomId, ParticipantMeetingUrl = room.ParticipantMeetingUrl };

    /// <summary>RFC 3339 in UTC (as Kubernetes writes times): the same instant whatever offset the API used.</summary>
    public static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
