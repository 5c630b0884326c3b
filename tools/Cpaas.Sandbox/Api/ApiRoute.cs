namespace Cpaas.Sandbox.Api;

/// <summary>A request matched to one of the API's routes under <c>/cpaas/projects</c>.</summary>
internal readonly record struct ApiRoute(SandboxOperation Operation, string? AppId, bool MethodAllowed)
{
    public const string Prefix = "/cpaas/projects";

    /// <summary>Null when the path is not a projects route at all.</summary>
    public static ApiRoute? Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != "cpaas" || segments[1] != "projects" || segments.Length > 4)
        {
            return null;
        }

        var appId = segments.Length >= 3 ? Uri.UnescapeDataString(segments[2]) : null;
        if (appId is { Length: 0 })
        {
            return null;
        }

        var action = segments.Length == 4 ? segments[3] : null;
        return (segments.Length, action) switch
        {
            (2, _) => method switch
            {
                "GET" => new ApiRoute(SandboxOperation.ListProjects, null, true),
                "POST" => new ApiRoute(SandboxOperation.AddProject, null, true),
                _ => new ApiRoute(SandboxOperation.Unknown, null, false),
            },
            (3, _) => method switch
            {
                "GET" => new ApiRoute(SandboxOperation.GetProject, appId, true),
                "POST" => new ApiRoute(SandboxOperation.EditProject, appId, true),
                _ => new ApiRoute(SandboxOperation.Unknown, appId, false),
            },
            (4, "reset_key") => new ApiRoute(SandboxOperation.ResetKey, appId, method == "POST"),
            (4, "video") => new ApiRoute(SandboxOperation.PatchVideo, appId, method == "PATCH"),
            (4, "voice") => new ApiRoute(SandboxOperation.PatchVoice, appId, method == "PATCH"),
            (4, "sms") => new ApiRoute(SandboxOperation.PatchSms, appId, method == "PATCH"),
            (4, "video-embed") => new ApiRoute(SandboxOperation.PatchVideoEmbed, appId, method == "PATCH"),
            _ => null,
        };
    }
}
