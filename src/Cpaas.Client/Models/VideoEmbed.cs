using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary>
/// Body of PATCH <c>/projects/{app_id}/video-embed</c>: only the keys to change. Write-only: GET does not
/// return embed settings.
/// </summary>
public sealed record VideoEmbedPatch
{
    /// <summary>The meeting host name label (<c>{subdomain}.yourvideo.tech</c>); 1110 when invalid, 1111 when taken.</summary>
    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; init; }

    [JsonPropertyName("embed_template_id")]
    public string? EmbedTemplateId { get; init; }

    [JsonPropertyName("access_mode")]
    public EmbedAccessMode? AccessMode { get; init; }

    [JsonPropertyName("exit_url")]
    public string? ExitUrl { get; init; }

    [JsonPropertyName("options")]
    public EmbedOptions? Options { get; init; }

    [JsonPropertyName("video_background_color")]
    public string? VideoBackgroundColor { get; init; }
}

/// <summary><c>access_mode</c>.</summary>
public sealed record EmbedAccessMode
{
    [JsonPropertyName("iframe")]
    public EmbedIframeAccess? Iframe { get; init; }
}

/// <summary><c>access_mode.iframe</c>: whether the meeting may be iframed, and by which hosts.</summary>
public sealed record EmbedIframeAccess
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("iframing_hosts")]
    public IReadOnlyList<string>? IframingHosts { get; init; }
}

/// <summary>
/// <c>options</c> of the embed PATCH. Values the API documentation shows as strings (<c>room_size: "50"</c>,
/// <c>video_grid: "12"</c>, <c>icon_bg_opacity: "0.2"</c>, <c>lobby.wait_timeout: "120"</c>, font sizes) stay
/// strings. Key names are the documented ones, camelCase ones (<c>deviceSetting</c>) included.
/// </summary>
public sealed record EmbedOptions
{
    [JsonPropertyName("recording")]
    public bool? Recording { get; init; }

    [JsonPropertyName("invite")]
    public bool? Invite { get; init; }

    [JsonPropertyName("breakout_room")]
    public bool? BreakoutRoom { get; init; }

    [JsonPropertyName("sidebar_call")]
    public bool? SidebarCall { get; init; }

    [JsonPropertyName("poll")]
    public bool? Poll { get; init; }

    [JsonPropertyName("outbound_call")]
    public bool? OutboundCall { get; init; }

    [JsonPropertyName("room_mode_switch")]
    public bool? RoomModeSwitch { get; init; }

    [JsonPropertyName("player_mode_switch")]
    public EmbedPlayerModeSwitch? PlayerModeSwitch { get; init; }

    [JsonPropertyName("grid_mode_switch")]
    public EmbedGridModeSwitch? GridModeSwitch { get; init; }

    [JsonPropertyName("co_browsing")]
    public EmbedShowOption? CoBrowsing { get; init; }

    [JsonPropertyName("deviceSetting")]
    public bool? DeviceSetting { get; init; }

    [JsonPropertyName("lock_room")]
    public bool? LockRoom { get; init; }

    [JsonPropertyName("fixed_toolbar")]
    public bool? FixedToolbar { get; init; }

    [JsonPropertyName("room_name")]
    public bool? RoomName { get; init; }

    [JsonPropertyName("screenshare")]
    public EmbedScreenshare? Screenshare { get; init; }

    [JsonPropertyName("live_streaming")]
    public bool? LiveStreaming { get; init; }

    [JsonPropertyName("floor_control")]
    public bool? FloorControl { get; init; }

    [JsonPropertyName("emoji")]
    public bool? Emoji { get; init; }

    [JsonPropertyName("file_sharing")]
    public bool? FileSharing { get; init; }

    [JsonPropertyName("bg_replace")]
    public EmbedBackgroundReplace? BgReplace { get; init; }

    [JsonPropertyName("user_list")]
    public EmbedUserList? UserList { get; init; }

    [JsonPropertyName("user_count")]
    public EmbedUserCount? UserCount { get; init; }

    [JsonPropertyName("group_chat")]
    public bool? GroupChat { get; init; }

    [JsonPropertyName("lobby")]
    public EmbedLobby? Lobby { get; init; }

    [JsonPropertyName("pvt_chat")]
    public EmbedPrivateChat? PvtChat { get; init; }

    [JsonPropertyName("whiteboard")]
    public EmbedShowOption? Whiteboard { get; init; }

    [JsonPropertyName("toolbar_setup")]
    public EmbedToolbarSetup? ToolbarSetup { get; init; }

    [JsonPropertyName("user_line_info")]
    public EmbedUserLineInfo? UserLineInfo { get; init; }

    [JsonPropertyName("disconnect")]
    public EmbedDisconnect? Disconnect { get; init; }

    [JsonPropertyName("toolbar")]
    public EmbedToolbar? Toolbar { get; init; }

    [JsonPropertyName("audio_mute")]
    public bool? AudioMute { get; init; }

    [JsonPropertyName("video_mute")]
    public bool? VideoMute { get; init; }

    [JsonPropertyName("mute_all")]
    public bool? MuteAll { get; init; }

    [JsonPropertyName("clock")]
    public bool? Clock { get; init; }

    [JsonPropertyName("full_screen")]
    public bool? FullScreen { get; init; }

    [JsonPropertyName("room_size")]
    public string? RoomSize { get; init; }

    [JsonPropertyName("video_grid")]
    public string? VideoGrid { get; init; }

    [JsonPropertyName("icon_bg_opacity")]
    public string? IconBgOpacity { get; init; }

    [JsonPropertyName("left_pane_color")]
    public string? LeftPaneColor { get; init; }

    [JsonPropertyName("update_settings")]
    public string? UpdateSettings { get; init; }

    [JsonPropertyName("exit_url")]
    public string? ExitUrl { get; init; }

    [JsonPropertyName("line_icon_color")]
    public string? LineIconColor { get; init; }

    [JsonPropertyName("icon_type")]
    public string? IconType { get; init; }

    [JsonPropertyName("solid_icon_color")]
    public string? SolidIconColor { get; init; }

    [JsonPropertyName("background_color")]
    public string? BackgroundColor { get; init; }

    [JsonPropertyName("toolbar_color")]
    public string? ToolbarColor { get; init; }

    [JsonPropertyName("font")]
    public EmbedFont? Font { get; init; }

    [JsonPropertyName("user_exit")]
    public EmbedEventNotice? UserExit { get; init; }

    [JsonPropertyName("record_start")]
    public EmbedEventNotice? RecordStart { get; init; }

    [JsonPropertyName("record_stop")]
    public EmbedEventNotice? RecordStop { get; init; }

    [JsonPropertyName("session_expiry")]
    public EmbedModeratorNotice? SessionExpiry { get; init; }

    [JsonPropertyName("user_in_lobby")]
    public EmbedModeratorNotice? UserInLobby { get; init; }

    [JsonPropertyName("chat_in")]
    public EmbedChatNotice? ChatIn { get; init; }
}

/// <summary><c>options.player_mode_switch</c>.</summary>
public sealed record EmbedPlayerModeSwitch
{
    [JsonPropertyName("player")]
    public bool? Player { get; init; }

    [JsonPropertyName("global")]
    public bool? Global { get; init; }

    /// <summary>For example <c>cover</c>.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }
}

/// <summary><c>options.grid_mode_switch</c>.</summary>
public sealed record EmbedGridModeSwitch
{
    [JsonPropertyName("gallery")]
    public bool? Gallery { get; init; }

    [JsonPropertyName("leader")]
    public bool? Leader { get; init; }

    /// <summary>For example <c>leader</c>.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }
}

/// <summary>An option that is only shown or hidden (<c>co_browsing</c>, <c>whiteboard</c>).</summary>
public sealed record EmbedShowOption
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }
}

/// <summary><c>options.screenshare</c>.</summary>
public sealed record EmbedScreenshare
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    [JsonPropertyName("for_moderator")]
    public bool? ForModerator { get; init; }

    [JsonPropertyName("for_participants")]
    public bool? ForParticipants { get; init; }

    [JsonPropertyName("moderated")]
    public bool? Moderated { get; init; }
}

/// <summary><c>options.bg_replace</c>.</summary>
public sealed record EmbedBackgroundReplace
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    [JsonPropertyName("bg_blur")]
    public bool? BgBlur { get; init; }
}

/// <summary>Who sees whom in a user list or count (<c>to_moderators</c>, <c>to_participants</c>, ...).</summary>
public sealed record EmbedUserVisibility
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    [JsonPropertyName("moderators")]
    public bool? Moderators { get; init; }

    [JsonPropertyName("participants")]
    public bool? Participants { get; init; }
}

/// <summary><c>options.user_list</c>.</summary>
public sealed record EmbedUserList
{
    [JsonPropertyName("to_moderators")]
    public EmbedUserVisibility? ToModerators { get; init; }

    [JsonPropertyName("to_participants")]
    public EmbedUserVisibility? ToParticipants { get; init; }

    [JsonPropertyName("to_participants_wb")]
    public EmbedUserVisibility? ToParticipantsWb { get; init; }
}

/// <summary><c>options.user_count</c>.</summary>
public sealed record EmbedUserCount
{
    [JsonPropertyName("to_moderators")]
    public EmbedUserVisibility? ToModerators { get; init; }

    [JsonPropertyName("to_participants")]
    public EmbedUserVisibility? ToParticipants { get; init; }
}

/// <summary><c>options.lobby</c>.</summary>
public sealed record EmbedLobby
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    /// <summary>Seconds, as a string in the API documentation (<c>"120"</c>).</summary>
    [JsonPropertyName("wait_timeout")]
    public string? WaitTimeout { get; init; }
}

/// <summary><c>options.pvt_chat</c>.</summary>
public sealed record EmbedPrivateChat
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    [JsonPropertyName("to_moderator")]
    public bool? ToModerator { get; init; }

    [JsonPropertyName("to_participants")]
    public bool? ToParticipants { get; init; }
}

/// <summary><c>options.toolbar_setup</c>: each toolbar button, in the API's camelCase key names.</summary>
public sealed record EmbedToolbarSetup
{
    [JsonPropertyName("screenshare")]
    public EmbedToolbarButton? Screenshare { get; init; }

    [JsonPropertyName("whiteboard")]
    public EmbedToolbarButton? Whiteboard { get; init; }

    [JsonPropertyName("livestream")]
    public EmbedToolbarButton? Livestream { get; init; }

    [JsonPropertyName("floorControl")]
    public EmbedToolbarButton? FloorControl { get; init; }

    [JsonPropertyName("lobby")]
    public EmbedToolbarButton? Lobby { get; init; }

    [JsonPropertyName("breakoutRoom")]
    public EmbedToolbarButton? BreakoutRoom { get; init; }

    [JsonPropertyName("lockRoom")]
    public EmbedToolbarButton? LockRoom { get; init; }

    [JsonPropertyName("backgroundReplacement")]
    public EmbedToolbarButton? BackgroundReplacement { get; init; }

    [JsonPropertyName("chat")]
    public EmbedToolbarButton? Chat { get; init; }

    [JsonPropertyName("recording")]
    public EmbedToolbarButton? Recording { get; init; }

    [JsonPropertyName("annotation")]
    public EmbedToolbarButton? Annotation { get; init; }
}

/// <summary>A toolbar button: enabled, and whether it sits in the kebab (overflow) menu.</summary>
public sealed record EmbedToolbarButton
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("kebab")]
    public bool? Kebab { get; init; }
}

/// <summary><c>options.user_line_info</c>.</summary>
public sealed record EmbedUserLineInfo
{
    [JsonPropertyName("username")]
    public bool? Username { get; init; }

    [JsonPropertyName("cam")]
    public bool? Cam { get; init; }

    [JsonPropertyName("mic")]
    public bool? Mic { get; init; }

    [JsonPropertyName("bw")]
    public bool? Bw { get; init; }
}

/// <summary><c>options.disconnect</c>.</summary>
public sealed record EmbedDisconnect
{
    [JsonPropertyName("show")]
    public bool? Show { get; init; }

    [JsonPropertyName("exit_url")]
    public string? ExitUrl { get; init; }

    /// <summary>For example <c>_blank</c>.</summary>
    [JsonPropertyName("target")]
    public string? Target { get; init; }

    [JsonPropertyName("bg_color")]
    public string? BgColor { get; init; }
}

/// <summary><c>options.toolbar</c>.</summary>
public sealed record EmbedToolbar
{
    [JsonPropertyName("draggable")]
    public bool? Draggable { get; init; }

    [JsonPropertyName("fixed")]
    public bool? Fixed { get; init; }
}

/// <summary><c>options.font</c>; sizes are strings in the API documentation (<c>"14"</c>).</summary>
public sealed record EmbedFont
{
    [JsonPropertyName("room_name_text_size")]
    public string? RoomNameTextSize { get; init; }

    [JsonPropertyName("top_bar_text_size")]
    public string? TopBarTextSize { get; init; }

    [JsonPropertyName("chat_text_size")]
    public string? ChatTextSize { get; init; }

    [JsonPropertyName("family")]
    public string? Family { get; init; }
}

/// <summary>A notice shown to moderators and participants (<c>user_exit</c>, <c>record_start</c>, <c>record_stop</c>).</summary>
public sealed record EmbedEventNotice
{
    [JsonPropertyName("moderator")]
    public bool? Moderator { get; init; }

    [JsonPropertyName("participant")]
    public bool? Participant { get; init; }

    [JsonPropertyName("track")]
    public string? Track { get; init; }
}

/// <summary>A notice shown to moderators only (<c>session_expiry</c>, <c>user_in_lobby</c>).</summary>
public sealed record EmbedModeratorNotice
{
    [JsonPropertyName("moderator")]
    public bool? Moderator { get; init; }

    [JsonPropertyName("track")]
    public string? Track { get; init; }
}

/// <summary><c>options.chat_in</c>.</summary>
public sealed record EmbedChatNotice
{
    [JsonPropertyName("all")]
    public bool? All { get; init; }

    [JsonPropertyName("track")]
    public string? Track { get; init; }
}
