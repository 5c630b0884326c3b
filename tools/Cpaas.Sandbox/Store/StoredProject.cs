using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Store;

/// <summary>
/// A project as the sandbox keeps it. The service sections hold what was PATCHed, deep-merged, including the keys
/// GET never shows (encryption, s3/gdrive/azure delivery, voice phone, the embed settings). Instances handed out by
/// <see cref="ProjectStore"/> are copies, except inside <see cref="ProjectStore.Mutate"/>.
/// </summary>
public sealed class StoredProject
{
    public required string AppId { get; init; }

    public required string AppKey { get; set; }

    public required string AppName { get; set; }

    public required string CustomerId { get; set; }

    public required string CategoryId { get; set; }

    public string? ShortDesc { get; set; }

    public string? Description { get; set; }

    public ServicesIncluded Services { get; set; }

    public string Status { get; set; } = ProjectStatus.Active;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>As PATCHed: <c>recording.delivery</c> stays where PATCH puts it (GET shows it as <c>recording_delivery</c>).</summary>
    public JsonObject Video { get; set; } = [];

    public JsonObject Voice { get; set; } = [];

    public JsonObject Sms { get; set; } = [];

    /// <summary>The video-embed settings as PATCHed (never returned by GET).</summary>
    public JsonObject Embed { get; set; } = [];

    public EmbedRoom? Room { get; set; }

    /// <summary>Creation order, the tie-breaker that keeps paging stable.</summary>
    public long Sequence { get; init; }

    public string? Subdomain => Embed["subdomain"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public StoredProject Copy() => new()
    {
        AppId = AppId,
        AppKey = AppKey,
        AppName = AppName,
        CustomerId = CustomerId,
        CategoryId = CategoryId,
        ShortDesc = ShortDesc,
        Description = Description,
        Services = Services,
        Status = Status,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        SuspendedAt = SuspendedAt,
        Video = Video.DeepClone().AsObject(),
        Voice = Voice.DeepClone().AsObject(),
        Sms = Sms.DeepClone().AsObject(),
        Embed = Embed.DeepClone().AsObject(),
        Room = Room,
        Sequence = Sequence,
    };

    public override string ToString() =>
        $"StoredProject {{ AppId = {AppId}, AppName = {AppName}, CustomerId = {CustomerId}, Status = {Status}, AppKey = *** }}";
}
