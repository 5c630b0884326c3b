using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options: every key of the documented example, camelCase, except keys the API
/// already writes in camelCase (deviceSetting). Numbers the API writes as strings ("50") stay strings.</summary>
[Description("Embed room user interface options.")]
public sealed record EmbedOptionsSpec
{
    [JsonPropertyName("recording")]
    [Description("Recording available (recording).")]
    public bool? Recording { get; init; }

    [JsonPropertyName("invite")]
    [Description("Invite available (invite).")]
    public bool? Invite { get; init; }

    [JsonPropertyName("breakoutRoom")]
    [Description("Breakout rooms available (breakout_room).")]
    public bool? BreakoutRoom { get; init; }

    [JsonPropertyName("sidebarCall")]
    [Description("Sidebar call available (sidebar_call).")]
    public bool? SidebarCall { get; init; }

    [JsonPropertyName("poll")]
    [Description("Polls available (poll).")]
    public bool? Poll { get; init; }

    [JsonPropertyName("outboundCall")]
    [Description("Outbound calls available (outbound_call).")]
    public bool? OutboundCall { get; init; }

    [JsonPropertyName("roomModeSwitch")]
    [Description("Room mode switch available (room_mode_switch).")]
    public bool? RoomModeSwitch { get; init; }

    [JsonPropertyName("playerModeSwitch")]
    [Description("Player mode switch (player_mode_switch).")]
    public PlayerModeSwitchSpec? PlayerModeSwitch { get; init; }

    [JsonPropertyName("gridModeSwitch")]
    [Description("Grid mode switch (grid_mode_switch).")]
    public GridModeSwitchSpec? GridModeSwitch { get; init; }

    [JsonPropertyName("coBrowsing")]
    [Description("Co-browsing (co_browsing).")]
    public ShowOptionSpec? CoBrowsing { get; init; }

    [JsonPropertyName("deviceSetting")]
    [Description("Device settings available (deviceSetting).")]
    public bool? DeviceSetting { get; init; }

    [JsonPropertyName("lockRoom")]
    [Description("Room locking available (lock_room).")]
    public bool? LockRoom { get; init; }

    [JsonPropertyName("fixedToolbar")]
    [Description("Toolbar fixed (fixed_toolbar).")]
    public bool? FixedToolbar { get; init; }

    [JsonPropertyName("roomName")]
    [Description("Show the room name (room_name).")]
    public bool? RoomName { get; init; }

    [JsonPropertyName("screenshare")]
    [Description("Screen sharing (screenshare).")]
    public ScreenshareOptionSpec? Screenshare { get; init; }

    [JsonPropertyName("liveStreaming")]
    [Description("Live streaming available (live_streaming).")]
    public bool? LiveStreaming { get; init; }

    [JsonPropertyName("floorControl")]
    [Description("Floor control available (floor_control).")]
    public bool? FloorControl { get; init; }

    [JsonPropertyName("emoji")]
    [Description("Emoji available (emoji).")]
    public bool? Emoji { get; init; }

    [JsonPropertyName("fileSharing")]
    [Description("File sharing available (file_sharing).")]
    public bool? FileSharing { get; init; }

    [JsonPropertyName("bgReplace")]
    [Description("Background replacement (bg_replace).")]
    public BackgroundReplaceOptionSpec? BgReplace { get; init; }

    [JsonPropertyName("userList")]
    [Description("User list visibility (user_list).")]
    public UserListOptionSpec? UserList { get; init; }

    [JsonPropertyName("userCount")]
    [Description("User count visibility (user_count).")]
    public UserCountOptionSpec? UserCount { get; init; }

    [JsonPropertyName("groupChat")]
    [Description("Group chat available (group_chat).")]
    public bool? GroupChat { get; init; }

    [JsonPropertyName("lobby")]
    [Description("Lobby (lobby).")]
    public LobbyOptionSpec? Lobby { get; init; }

    [JsonPropertyName("pvtChat")]
    [Description("Private chat (pvt_chat).")]
    public PrivateChatOptionSpec? PvtChat { get; init; }

    [JsonPropertyName("whiteboard")]
    [Description("Whiteboard (whiteboard).")]
    public ShowOptionSpec? Whiteboard { get; init; }

    [JsonPropertyName("toolbarSetup")]
    [Description("Toolbar buttons (toolbar_setup).")]
    public ToolbarSetupSpec? ToolbarSetup { get; init; }

    [JsonPropertyName("userLineInfo")]
    [Description("Information on each user's line (user_line_info).")]
    public UserLineInfoSpec? UserLineInfo { get; init; }

    [JsonPropertyName("disconnect")]
    [Description("Disconnect screen (disconnect).")]
    public DisconnectOptionSpec? Disconnect { get; init; }

    [JsonPropertyName("toolbar")]
    [Description("Toolbar behaviour (toolbar).")]
    public ToolbarOptionSpec? Toolbar { get; init; }

    [JsonPropertyName("audioMute")]
    [Description("Join with audio muted (audio_mute).")]
    public bool? AudioMute { get; init; }

    [JsonPropertyName("videoMute")]
    [Description("Join with video muted (video_mute).")]
    public bool? VideoMute { get; init; }

    [JsonPropertyName("muteAll")]
    [Description("Mute all available (mute_all).")]
    public bool? MuteAll { get; init; }

    [JsonPropertyName("clock")]
    [Description("Show a clock (clock).")]
    public bool? Clock { get; init; }

    [JsonPropertyName("fullScreen")]
    [Description("Full screen available (full_screen).")]
    public bool? FullScreen { get; init; }

    [JsonPropertyName("roomSize")]
    [Description("Room size, a number written as a string, for example \"50\" (room_size).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(10)]
    public string? RoomSize { get; init; }

    [JsonPropertyName("videoGrid")]
    [Description("Videos in the grid, a number written as a string, for example \"12\" (video_grid).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(10)]
    public string? VideoGrid { get; init; }

    [JsonPropertyName("iconBgOpacity")]
    [Description("Icon background opacity, a decimal written as a string, for example \"0.2\" (icon_bg_opacity).")]
    [Pattern(SchemaPatterns.UnsignedDecimalString), MaxLength(10)]
    public string? IconBgOpacity { get; init; }

    [JsonPropertyName("leftPaneColor")]
    [Description("Left pane colour (left_pane_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? LeftPaneColor { get; init; }

    [JsonPropertyName("updateSettings")]
    [Description("Settings update mode, for example update (update_settings).")]
    [MaxLength(32)]
    public string? UpdateSettings { get; init; }

    [JsonPropertyName("exitUrl")]
    [Description("URL to go to on exit, or empty (exit_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? ExitUrl { get; init; }

    [JsonPropertyName("lineIconColor")]
    [Description("Line icon colour (line_icon_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? LineIconColor { get; init; }

    [JsonPropertyName("iconType")]
    [Description("Icon type, for example line (icon_type).")]
    [MaxLength(32)]
    public string? IconType { get; init; }

    [JsonPropertyName("solidIconColor")]
    [Description("Solid icon colour, or empty (solid_icon_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? SolidIconColor { get; init; }

    [JsonPropertyName("backgroundColor")]
    [Description("Background colour (background_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? BackgroundColor { get; init; }

    [JsonPropertyName("toolbarColor")]
    [Description("Toolbar colour (toolbar_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? ToolbarColor { get; init; }

    [JsonPropertyName("font")]
    [Description("Fonts (font).")]
    public FontOptionSpec? Font { get; init; }

    [JsonPropertyName("userExit")]
    [Description("Who may leave, and its tracking (user_exit).")]
    public RoleTrackingSpec? UserExit { get; init; }

    [JsonPropertyName("recordStart")]
    [Description("Who may start recording, and its tracking (record_start).")]
    public RoleTrackingSpec? RecordStart { get; init; }

    [JsonPropertyName("recordStop")]
    [Description("Who may stop recording, and its tracking (record_stop).")]
    public RoleTrackingSpec? RecordStop { get; init; }

    [JsonPropertyName("sessionExpiry")]
    [Description("Session expiry notice (session_expiry).")]
    public ModeratorTrackingSpec? SessionExpiry { get; init; }

    [JsonPropertyName("userInLobby")]
    [Description("Notice of users waiting in the lobby (user_in_lobby).")]
    public ModeratorTrackingSpec? UserInLobby { get; init; }

    [JsonPropertyName("chatIn")]
    [Description("Incoming chat notice (chat_in).")]
    public ChatInTrackingSpec? ChatIn { get; init; }
}
