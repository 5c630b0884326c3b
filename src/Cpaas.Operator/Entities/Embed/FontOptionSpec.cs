using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.font.</summary>
[Description("Fonts.")]
public sealed record FontOptionSpec
{
    [JsonPropertyName("roomNameTextSize")]
    [Description("Room name text size, a number written as a string (room_name_text_size).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(4)]
    public string? RoomNameTextSize { get; init; }

    [JsonPropertyName("topBarTextSize")]
    [Description("Top bar text size, a number written as a string (top_bar_text_size).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(4)]
    public string? TopBarTextSize { get; init; }

    [JsonPropertyName("chatTextSize")]
    [Description("Chat text size, a number written as a string (chat_text_size).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(4)]
    public string? ChatTextSize { get; init; }

    [JsonPropertyName("family")]
    [Description("Font family (family).")]
    [MaxLength(128)]
    public string? Family { get; init; }
}
