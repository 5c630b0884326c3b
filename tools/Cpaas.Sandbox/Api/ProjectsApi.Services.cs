using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Embed;
using Cpaas.Sandbox.Store;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// The service PATCHes: the body is deep-merged into the stored section (objects merge, arrays and scalars replace,
/// null removes). Configuring a service through its PATCH also includes it in services_incl (video-embed includes
/// video); a service is only switched off through Edit's services_incl. Each PATCH moves updated_at unless
/// <see cref="ApiBehaviour.SectionChangesBumpUpdatedAt"/> is off.
/// </summary>
internal sealed partial class ProjectsApi
{
    private ApiReply PatchService(
        ApiRequest request,
        JsonObject template,
        Func<StoredProject, JsonObject> section,
        Func<ServicesIncluded, ServicesIncluded> include,
        string settingName) => store.Transact(table =>
    {
        if (Visible(table, request) is not { } project)
        {
            return CpaasErrors.InvalidAppId();
        }

        var parsed = ParseObject(request.Body);
        if (parsed.Error is { } parseError)
        {
            return parseError;
        }

        if (ShapeProblem(parsed.Value!, template) is { } shapeError)
        {
            return shapeError;
        }

        JsonMerge.Merge(section(project), parsed.Value!);
        project.Services = include(project.Services);
        if (behaviour.SectionChangesBumpUpdatedAt)
        {
            project.UpdatedAt = table.NextChangeTime(Time.GetUtcNow());
        }

        return ApiReply.Success(
            new JsonObject
            {
                ["msg"] = $"Project {project.AppName} has been updated with {settingName}",
                ["user"] = Summary(project),
            },
            committed: true,
            appId: project.AppId);
    });

    private ApiReply PatchVideoEmbed(ApiRequest request) => store.Transact(table =>
    {
        if (Visible(table, request) is not { } project)
        {
            return CpaasErrors.InvalidAppId();
        }

        var parsed = ParseObject(request.Body);
        if (parsed.Error is { } parseError)
        {
            return parseError;
        }

        var body = parsed.Value!;
        var subdomain = project.Subdomain;
        if (body.TryGetPropertyValue("subdomain", out var subdomainNode))
        {
            if (subdomainNode is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return CpaasErrors.InvalidSubdomain("subdomain must be a string");
            }

            subdomain = value.GetValue<string>();
            if (SubdomainRules.Problem(subdomain) is { } rule)
            {
                return CpaasErrors.InvalidSubdomain(rule);
            }

            if (table.Values.Any(p => p.AppId != project.AppId && p.Subdomain == subdomain))
            {
                return CpaasErrors.SubdomainInUse();
            }
        }

        if (subdomain is null)
        {
            return CpaasErrors.InvalidSubdomain("subdomain is required on a project's first video-embed configuration");
        }

        if (ShapeProblem(body, shapes.PatchVideoEmbed) is { } shapeError)
        {
            return shapeError;
        }

        var now = Time.GetUtcNow();
        JsonMerge.Merge(project.Embed, body);
        project.Room ??= RoomView.NewRoom(now);
        project.Services = project.Services with { Video = true };
        if (behaviour.SectionChangesBumpUpdatedAt)
        {
            project.UpdatedAt = table.NextChangeTime(now);
        }

        return ApiReply.Success(
            new JsonObject
            {
                ["msg"] = $"Project {project.AppName} has been updated with Video Embed Setting",
                ["project"] = Summary(project),
                ["room"] = RoomView.Render(project.Room, subdomain, options.EmbedDomain),
            },
            committed: true,
            appId: project.AppId);
    });
}
