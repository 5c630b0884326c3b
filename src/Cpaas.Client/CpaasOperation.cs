namespace Cpaas.Client;

/// <summary>The nine operations of the CPaaS projects API.</summary>
public enum CpaasOperation
{
    ListProjects,
    GetProject,
    AddProject,
    EditProject,
    ResetKey,
    PatchVideo,
    PatchVoice,
    PatchSms,
    PatchVideoEmbed,
}

public static class CpaasOperationExtensions
{
    /// <summary>
    /// Whether repeating the call has the same effect as making it once. Add creates a second project and
    /// reset_key issues a second key, so neither is ever retried by the HTTP layer.
    /// </summary>
    public static bool IsIdempotent(this CpaasOperation operation) =>
        operation is not (CpaasOperation.AddProject or CpaasOperation.ResetKey);

    /// <summary>The snake_case name used in logs and metric tags.</summary>
    public static string ToWireName(this CpaasOperation operation) => operation switch
    {
        CpaasOperation.ListProjects => "list_projects",
        CpaasOperation.GetProject => "get_project",
        CpaasOperation.AddProject => "add_project",
        CpaasOperation.EditProject => "edit_project",
        CpaasOperation.ResetKey => "reset_key",
        CpaasOperation.PatchVideo => "patch_video",
        CpaasOperation.PatchVoice => "patch_voice",
        CpaasOperation.PatchSms => "patch_sms",
        CpaasOperation.PatchVideoEmbed => "patch_video_embed",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
