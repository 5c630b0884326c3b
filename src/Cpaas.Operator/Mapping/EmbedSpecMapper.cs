using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec embed section to the client's typed PATCH video-embed body.</summary>
public static class EmbedSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets.</summary>
    public static VideoEmbedPatch ToPatch(EmbedSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Map(spec);
    }

    private static VideoEmbedPatch Map(EmbedSpec spec) => new()
    {
        Subdomain = spec.Subdomain,
        EmbedTemplateId = spec.EmbedTemplateId,
        AccessMode = spec.AccessMode is { } accessMode ? Map(accessMode) : null,
        ExitUrl = spec.ExitUrl,
        Options = spec.Options is { } options ? Map(options) : null,
        VideoBackgroundColor = spec.VideoBackgroundColor,
    };

    private static EmbedAccessMode Map(EmbedAccessModeSpec spec) => new()
    {
        Iframe = spec.Iframe is { } iframe ? Map(iframe) : null,
    };

    private static EmbedOptions Map(EmbedOptionsSpec spec) => new()
    {
        Recording = spec.Recording,
        Invite = spec.Invite,
        BreakoutRoom = spec.BreakoutRoom,
        SidebarCall = spec.SidebarCall,
        Poll = spec.Poll,
        OutboundCall = spec.OutboundCall,
        RoomModeSwitch = spec.RoomModeSwitch,
        PlayerModeSwitch = spec.PlayerModeSwitch is { } playerModeSwitch ? Map(playerModeSwitch) : null,
        GridModeSwitch = spec.GridModeSwitch is { } gridModeSwitch ? Map(gridModeSwitch) : null,
        CoBrowsing = spec.CoBrowsing is { } coBrowsing ? Map(coBrowsing) : null,
        DeviceSetting = spec.DeviceSetting,
        LockRoom = spec.LockRoom,
        FixedToolbar = spec.FixedToolbar,
        RoomName = spec.RoomName,
        Screenshare = spec.Screenshare is { } screenshare ? Map(screenshare) : null,
        LiveStreaming = spec.LiveStreaming,
        FloorControl = spec.FloorControl,
        Emoji = spec.Emoji,
        FileSharing = spec.FileSharing,
        BgReplace = spec.BgReplace is { } bgReplace ? Map(bgReplace) : null,
        UserList = spec.UserList is { } userList ? Map(userList) : null,
        UserCount = spec.UserCount is { } userCount ? Map(userCount) : null,
        GroupChat = spec.GroupChat,
        Lobby = spec.Lobby is { } lobby ? Map(lobby) : null,
        PvtChat = spec.PvtChat is { } pvtChat ? Map(pvtChat) : null,
        Whiteboard = spec.Whiteboard is { } whiteboard ? Map(whiteboard) : null,
        ToolbarSetup = spec.ToolbarSetup is { } toolbarSetup ? Map(toolbarSetup) : null,
        UserLineInfo = spec.UserLineInfo is { } userLineInfo ? Map(userLineInfo) : null,
        Disconnect = spec.Disconnect is { } disconnect ? Map(disconnect) : null,
        Toolbar = spec.Toolbar is { } toolbar ? Map(toolbar) : null,
        AudioMute = spec.AudioMute,
        VideoMute = spec.VideoMute,
        MuteAll = spec.MuteAll,
        Clock = spec.Clock,
        FullScreen = spec.FullScreen,
        RoomSize = spec.RoomSize,
        VideoGrid = spec.VideoGrid,
        IconBgOpacity = spec.IconBgOpacity,
        LeftPaneColor = spec.LeftPaneColor,
        UpdateSettings = spec.UpdateSettings,
        ExitUrl = spec.ExitUrl,
        LineIconColor = spec.LineIconColor,
        IconType = spec.IconType,
        SolidIconColor = spec.SolidIconColor,
        BackgroundColor = spec.BackgroundColor,
        ToolbarColor = spec.ToolbarColor,
        Font = spec.Font is { } font ? Map(font) : null,
        UserExit = spec.UserExit is { } userExit ? Map(userExit) : null,
        RecordStart = spec.RecordStart is { } recordStart ? Map(recordStart) : null,
        RecordStop = spec.RecordStop is { } recordStop ? Map(recordStop) : null,
        SessionExpiry = spec.SessionExpiry is { } sessionExpiry ? Map(sessionExpiry) : null,
        UserInLobby = spec.UserInLobby is { } userInLobby ? Map(userInLobby) : null,
        ChatIn = spec.ChatIn is { } chatIn ? Map(chatIn) : null,
    };

    private static EmbedIframeAccess Map(EmbedIframeSpec spec) => new()
    {
        Enabled = spec.Enabled,
        IframingHosts = spec.IframingHosts?.ToList(),
    };

    private static EmbedPlayerModeSwitch Map(PlayerModeSwitchSpec spec) => new()
    {
        Player = spec.Player,
        Global = spec.Global,
        Default = spec.Default,
    };

    private static EmbedGridModeSwitch Map(GridModeSwitchSpec spec) => new()
    {
        Gallery = spec.Gallery,
        Leader = spec.Leader,
        Default = spec.Default,
    };

    private static EmbedShowOption Map(ShowOptionSpec spec) => new()
    {
        Show = spec.Show,
    };

    private static EmbedScreenshare Map(ScreenshareOptionSpec spec) => new()
    {
        Show = spec.Show,
        ForModerator = spec.ForModerator,
        ForParticipants = spec.ForParticipants,
        Moderated = spec.Moderated,
    };

    private static EmbedBackgroundReplace Map(BackgroundReplaceOptionSpec spec) => new()
    {
        Show = spec.Show,
        BgBlur = spec.BgBlur,
    };

    private static EmbedUserList Map(UserListOptionSpec spec) => new()
    {
        ToModerators = spec.ToModerators is { } toModerators ? Map(toModerators) : null,
        ToParticipants = spec.ToParticipants is { } toParticipants ? Map(toParticipants) : null,
        ToParticipantsWb = spec.ToParticipantsWb is { } toParticipantsWb ? Map(toParticipantsWb) : null,
    };

    private static EmbedUserCount Map(UserCountOptionSpec spec) => new()
    {
        ToModerators = spec.ToModerators is { } toModerators ? Map(toModerators) : null,
        ToParticipants = spec.ToParticipants is { } toParticipants ? Map(toParticipants) : null,
    };

    private static EmbedLobby Map(LobbyOptionSpec spec) => new()
    {
        Show = spec.Show,
        WaitTimeout = spec.WaitTimeout,
    };

    private static EmbedPrivateChat Map(PrivateChatOptionSpec spec) => new()
    {
        Show = spec.Show,
        ToModerator = spec.ToModerator,
        ToParticipants = spec.ToParticipants,
    };

    private static EmbedToolbarSetup Map(ToolbarSetupSpec spec) => new()
    {
        Screenshare = spec.Screenshare is { } screenshare ? Map(screenshare) : null,
        Whiteboard = spec.Whiteboard is { } whiteboard ? Map(whiteboard) : null,
        Livestream = spec.Livestream is { } livestream ? Map(livestream) : null,
        FloorControl = spec.FloorControl is { } floorControl ? Map(floorControl) : null,
        Lobby = spec.Lobby is { } lobby ? Map(lobby) : null,
        BreakoutRoom = spec.BreakoutRoom is { } breakoutRoom ? Map(breakoutRoom) : null,
        LockRoom = spec.LockRoom is { } lockRoom ? Map(lockRoom) : null,
        BackgroundReplacement = spec.BackgroundReplacement is { } backgroundReplacement ? Map(backgroundReplacement) : null,
        Chat = spec.Chat is { } chat ? Map(chat) : null,
        Recording = spec.Recording is { } recording ? Map(recording) : null,
        Annotation = spec.Annotation is { } annotation ? Map(annotation) : null,
    };

    private static EmbedUserLineInfo Map(UserLineInfoSpec spec) => new()
    {
        Username = spec.Username,
        Cam = spec.Cam,
        Mic = spec.Mic,
        Bw = spec.Bw,
    };

    private static EmbedDisconnect Map(DisconnectOptionSpec spec) => new()
    {
        Show = spec.Show,
        ExitUrl = spec.ExitUrl,
        Target = spec.Target,
        BgColor = spec.BgColor,
    };

    private static EmbedToolbar Map(ToolbarOptionSpec spec) => new()
    {
        Draggable = spec.Draggable,
        Fixed = spec.Fixed,
    };

    private static EmbedFont Map(FontOptionSpec spec) => new()
    {
        RoomNameTextSize = spec.RoomNameTextSize,
        TopBarTextSize = spec.TopBarTextSize,
        ChatTextSize = spec.ChatTextSize,
        Family = spec.Family,
    };

    private static EmbedEventNotice Map(RoleTrackingSpec spec) => new()
    {
        Moderator = spec.Moderator,
        Participant = spec.Participant,
        Track = spec.Track,
    };

    private static EmbedModeratorNotice Map(ModeratorTrackingSpec spec) => new()
    {
        Moderator = spec.Moderator,
        Track = spec.Track,
    };

    private static EmbedChatNotice Map(ChatInTrackingSpec spec) => new()
    {
        All = spec.All,
        Track = spec.Track,
    };

    private static EmbedUserVisibility Map(AudienceVisibilitySpec spec) => new()
    {
        Show = spec.Show,
        Moderators = spec.Moderators,
        Participants = spec.Participants,
    };

    private static EmbedToolbarButton Map(ToolbarButtonSpec spec) => new()
    {
        Enabled = spec.Enabled,
        Kebab = spec.Kebab,
    };
}
