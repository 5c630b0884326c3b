namespace Cpaas.Sandbox.Api;

/// <summary>The nine operations of the projects API (docs/cpaas-api.md), plus requests that match none.</summary>
public enum SandboxOperation
{
    Unknown,
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

public static class SandboxOperationNames
{
    /// <summary>The snake_case name used in the journal's JSON and the control surface.</summary>
    public static string WireName(this SandboxOperation operation) => operation switch
    {
        SandboxOperation.ListProjects => "list_projects",
        SandboxOperation.GetProject => "get_project",
        SandboxOperation.AddProject => "add_project",
        SandboxOperation.EditProject => "edit_project",
        SandboxOperation.ResetKey => "reset_key",
        SandboxOperation.PatchVideo => "patch_video",
        SandboxOperation.PatchVoice => "patch_voice",
        SandboxOperation.PatchSms => "patch_sms",
        SandboxOperation.PatchVideoEmbed => "patch_video_embed",
        _ => "unknown",
    };

    public static bool TryParseWireName(string name, out SandboxOperation operation)
    {
        foreach (var candidate in Enum.GetValues<SandboxOperation>())
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                operation = candidate;
                return true;
            }
        }

        operation = SandboxOperation.Unknown;
        return false;
    }
}
