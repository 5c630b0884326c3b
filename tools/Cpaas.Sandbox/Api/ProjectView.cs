using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Store;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// Renders stored projects in the documented response shapes. The GET shape differs from what PATCH stores:
/// <c>video.recording.delivery</c> is shown as <c>video.recording_delivery</c> with only ftp and scp; encryption,
/// s3/gdrive/azure, <c>voice.phone</c> and the embed settings are never shown; <c>video.phone[].toll</c> (GET only)
/// is false unless set out of band.
/// </summary>
internal sealed class ProjectView(SeedShapes shapes, CategoryCatalog categories, AccountRegistry accounts, WireSettings wire)
{
    public JsonNode? ListItem(StoredProject project) =>
        ShapeProjection.Project(Common(project), shapes.ListItem, wire.FillUnsetFields);

    public JsonNode? Full(StoredProject project)
    {
        var view = Common(project);
        view["video"] = VideoAsShown(project.Video);
        view["sms"] = project.Sms.DeepClone();
        view["voice"] = project.Voice.DeepClone();
        return ShapeProjection.Project(view, shapes.GetProject, wire.FillUnsetFields);
    }

    private JsonObject Common(StoredProject project) => new()
    {
        ["customer_id"] = project.CustomerId,
        ["customer_name"] = accounts.CustomerName(project.CustomerId),
        ["app_id"] = project.AppId,
        ["app_key"] = project.AppKey,
        ["app_name"] = project.AppName,
        ["category_id"] = project.CategoryId,
        ["category_name"] = categories.NameOf(project.CategoryId),
        ["short_desc"] = project.ShortDesc,
        ["description"] = project.Description,
        ["services_incl"] = new JsonObject
        {
            ["video"] = project.Services.Video,
            ["sms"] = project.Services.Sms,
            ["voice"] = project.Services.Voice,
        },
        ["status"] = project.Status,
        ["status_ex"] = ProjectStatus.Describe(project.Status),
        ["created_at"] = WireDates.Format(project.CreatedAt, wire.DateFormat),
        ["updated_at"] = WireDates.Format(project.UpdatedAt, wire.DateFormat),
        ["suspended_at"] = WireDates.Format(project.SuspendedAt, wire.DateFormat),
    };

    private static JsonObject VideoAsShown(JsonObject stored)
    {
        var video = stored.DeepClone().AsObject();
        if (video["recording"] is JsonObject recording && recording["delivery"] is JsonNode delivery)
        {
            recording.Remove("delivery");
            video["recording_delivery"] = delivery.DeepClone();
        }

        if (video["phone"] is JsonArray phones)
        {
            foreach (var phone in phones.OfType<JsonObject>())
            {
                if (!phone.ContainsKey("toll"))
                {
                    phone["toll"] = false;
                }
            }
        }

        return video;
    }
}
