using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Store;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// The nine operations of the projects API over the in-memory store. Each takes an authenticated request and answers a
/// reply; nothing here knows about HTTP, faults or the journal. Reads are in this file, writes in
/// ProjectsApi.Writes.cs, the service PATCHes in ProjectsApi.Services.cs.
/// </summary>
internal sealed partial class ProjectsApi(
    ProjectStore store,
    CategoryCatalog categories,
    AccountRegistry accounts,
    WireSettings wire,
    SeedShapes shapes,
    ApiBehaviour behaviour,
    CpaasSandboxOptions options)
{
    private readonly ProjectView _view = new(shapes, categories, accounts, wire);

    private TimeProvider Time => options.TimeProvider;

    public ApiReply Handle(ApiRequest request) => request.Operation switch
    {
        SandboxOperation.ListProjects => List(request),
        SandboxOperation.GetProject => Get(request),
        SandboxOperation.AddProject => Add(request),
        SandboxOperation.EditProject => Edit(request),
        SandboxOperation.ResetKey => ResetKey(request),
        SandboxOperation.PatchVideo => PatchService(request, shapes.PatchVideo, p => p.Video, s => s with { Video = true }, "Video Service Setting"),
        SandboxOperation.PatchVoice => PatchService(request, shapes.PatchVoice, p => p.Voice, s => s with { Voice = true }, "Voice Service Setting"),
        SandboxOperation.PatchSms => PatchService(request, shapes.PatchSms, p => p.Sms, s => s with { Sms = true }, "SMS Service Setting"),
        SandboxOperation.PatchVideoEmbed => PatchVideoEmbed(request),
        _ => CpaasErrors.RouteNotFound(),
    };

    private ApiReply List(ApiRequest request)
    {
        var parsed = ListQuery.Parse(request.Query, behaviour.DefaultPageLength, options.MaxPageLength);
        if (parsed.Error is { } error)
        {
            return error;
        }

        var query = parsed.Value!;
        var orderBy = query.OrderBy;
        if (orderBy == "updated_at")
        {
            switch (behaviour.UpdatedAtOrdering)
            {
                case UpdatedAtOrdering.Refused:
                    return CpaasErrors.InvalidOrderBy(ListQuery.OrderableFields.Where(f => f != "updated_at"));
                case UpdatedAtOrdering.Ignored:
                    orderBy = ListQuery.DefaultOrderBy;
                    break;
            }
        }

        var caller = request.Caller;
        var customerFilter = caller.IsAdmin ? query.CustomerId : caller.CustomerId;
        var page = store.Transact(table =>
        {
            var matching = table.Values
                .Where(p => customerFilter is null || p.CustomerId == customerFilter)
                .Where(p => Matches(p, query.SearchBy, query.SearchString));
            return Order(matching, orderBy, query.OrderQualify == "desc")
                .Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PageLength))
                .Take(query.PageLength)
                .Select(p => _view.ListItem(p))
                .ToList();
        });

        return ApiReply.Success(new JsonObject
        {
            ["search"] = new JsonObject
            {
                ["page"] = query.Page,
                ["page_length"] = query.PageLength,
                ["customer_id"] = customerFilter ?? string.Empty,
                ["search_by"] = query.SearchBy ?? string.Empty,
                ["search_string"] = query.SearchString ?? string.Empty,
                ["order_by"] = query.OrderBy,
                ["order_qualify"] = query.OrderQualify,
            },
            ["projects"] = new JsonArray([.. page]),
        });
    }

    private ApiReply Get(ApiRequest request)
    {
        var view = store.Transact(table => Visible(table, request) is { } project ? _view.Full(project) : null);
        return view is null
            ? CpaasErrors.InvalidAppId()
            : ApiReply.Success(new JsonObject { ["project"] = view }, appId: request.AppId);
    }

    private static bool Matches(StoredProject project, string? searchBy, string? searchString)
    {
        if (searchBy is null || searchString is null)
        {
            return true;
        }

        return searchBy switch
        {
            "app_name" => project.AppName.Contains(searchString, StringComparison.OrdinalIgnoreCase),
            "app_id" => project.AppId == searchString,
            "category_id" => project.CategoryId == searchString,
            "customer_id" => project.CustomerId == searchString,
            "status" => project.Status == searchString,
            _ => false,
        };
    }

    private static IEnumerable<StoredProject> Order(IEnumerable<StoredProject> projects, string orderBy, bool descending)
    {
        Func<StoredProject, IComparable> key = orderBy switch
        {
            "updated_at" => p => p.UpdatedAt,
            "app_name" => p => p.AppName.ToUpperInvariant(),
            "app_id" => p => p.AppId,
            "category_id" => p => p.CategoryId,
            "status" => p => p.Status,
            _ => p => p.CreatedAt,
        };

        // Creation order breaks ties, so paging through equal keys neither skips nor repeats a project.
        return descending
            ? projects.OrderByDescending(key).ThenByDescending(p => p.Sequence)
            : projects.OrderBy(key).ThenBy(p => p.Sequence);
    }

    /// <summary>The project the request names, if the caller may see it (admins: any; customers: their own).</summary>
    private static StoredProject? Visible(ProjectStore.ProjectTable table, ApiRequest request)
    {
        var project = request.AppId is null ? null : table.Find(request.AppId);
        return project is not null && (request.Caller.IsAdmin || project.CustomerId == request.Caller.CustomerId)
            ? project
            : null;
    }

    private static ApiReplyOr<JsonObject> ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject ?? (ApiReplyOr<JsonObject>)CpaasErrors.InvalidRequest("the body must be a JSON object");
        }
        catch (JsonException)
        {
            return CpaasErrors.InvalidRequest("the body is not valid JSON");
        }
    }

    private ApiError? ShapeProblem(JsonObject body, JsonObject template)
    {
        if (!wire.StrictRequestValidation)
        {
            return null;
        }

        var problem = ShapeValidator.FirstProblem(body, template, string.Empty);
        return problem is null ? null : CpaasErrors.InvalidRequest(problem);
    }

    /// <summary>A string value, or null when absent/null; false when present with another type.</summary>
    private static bool TryOptionalString(JsonObject body, string key, out string? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(key, out var node) || node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        value = node.GetValue<string>();
        return true;
    }

    /// <summary>The services after applying a services_incl object to <paramref name="current"/>; null if none is left on.</summary>
    private static ServicesIncluded? ApplyServices(JsonNode? node, ServicesIncluded current)
    {
        if (node is not JsonObject services)
        {
            return null;
        }

        var result = current with
        {
            Video = Flag(services, "video") ?? current.Video,
            Sms = Flag(services, "sms") ?? current.Sms,
            Voice = Flag(services, "voice") ?? current.Voice,
        };
        return result.Any ? result : null;
    }

    private static bool? Flag(JsonObject services, string key) =>
        services[key] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : null;

    private static JsonObject Summary(StoredProject project) => new()
    {
        ["app_id"] = project.AppId,
        ["app_name"] = project.AppName,
    };
}
