using System.Text.Json.Nodes;
using Cpaas.Sandbox.Store;

namespace Cpaas.Sandbox.Api;

/// <summary>Add, Edit and reset_key.</summary>
internal sealed partial class ProjectsApi
{
    private ApiReply Add(ApiRequest request)
    {
        var parsed = ParseObject(request.Body);
        if (parsed.Error is { } parseError)
        {
            return parseError;
        }

        var body = parsed.Value!;
        var caller = request.Caller;
        if (!TryOptionalString(body, "customer_id", out var requestedCustomer))
        {
            return CpaasErrors.InvalidRequest("customer_id must be a string");
        }

        var customerId = caller.CustomerId;
        if (!string.IsNullOrEmpty(requestedCustomer))
        {
            if (!caller.IsAdmin && requestedCustomer != caller.CustomerId)
            {
                return CpaasErrors.InvalidRequest("customer_id may be given by admin accounts only");
            }

            if (!accounts.CustomerExists(requestedCustomer))
            {
                return CpaasErrors.InvalidRequest("customer_id names no known customer");
            }

            customerId = requestedCustomer;
        }

        if (!TryOptionalString(body, "app_name", out var appName) || string.IsNullOrWhiteSpace(appName))
        {
            return CpaasErrors.InvalidRequest("app_name is required: a non-empty string");
        }

        if (!TryOptionalString(body, "category_id", out var categoryId) || categoryId is null || !categories.Contains(categoryId))
        {
            return CpaasErrors.InvalidCategoryId();
        }

        if (ApplyServices(body["services_incl"], default) is not { } services)
        {
            return CpaasErrors.ServicesNotGiven();
        }

        if (ShapeProblem(body, shapes.AddRequest) is { } shapeError)
        {
            return shapeError;
        }

        TryOptionalString(body, "short_desc", out var shortDesc);
        TryOptionalString(body, "description", out var description);
        var project = store.Transact(table =>
        {
            var now = table.NextChangeTime(Time.GetUtcNow());
            var appId = ProjectIds.NewHexId(now);
            while (table.Contains(appId))
            {
                appId = ProjectIds.NewHexId(now);
            }

            var created = new StoredProject
            {
                AppId = appId,
                AppKey = ProjectIds.NewKey(),
                AppName = appName,
                CustomerId = customerId,
                CategoryId = categoryId,
                ShortDesc = shortDesc,
                Description = description,
                Services = services,
                Status = ProjectStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
                Video = new JsonObject { ["media_zone"] = new JsonArray([.. options.DefaultMediaZones.Select(z => JsonValue.Create(z))]) },
                Sequence = table.NextSequence(),
            };
            table.Add(created);
            return created;
        });

        return ApiReply.Success(
            new JsonObject
            {
                ["project"] = new JsonObject
                {
                    ["app_id"] = project.AppId,
                    ["app_key"] = project.AppKey,
                    ["app_name"] = project.AppName,
                },
            },
            committed: true,
            appId: project.AppId);
    }

    private ApiReply Edit(ApiRequest request) => store.Transact(table =>
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
        if (!TryOptionalString(body, "app_name", out var appName) || (body.ContainsKey("app_name") && string.IsNullOrWhiteSpace(appName)))
        {
            return CpaasErrors.InvalidRequest("app_name must be a non-empty string");
        }

        if (!TryOptionalString(body, "category_id", out var categoryId)
            || (body.ContainsKey("category_id") && (categoryId is null || !categories.Contains(categoryId))))
        {
            return CpaasErrors.InvalidCategoryId();
        }

        var services = project.Services;
        if (body.ContainsKey("services_incl"))
        {
            if (ApplyServices(body["services_incl"], project.Services) is not { } applied)
            {
                return CpaasErrors.ServicesNotGiven();
            }

            services = applied;
        }

        if (!TryOptionalString(body, "status", out var status) || (status is not null && !ProjectStatus.IsKnown(status)))
        {
            return CpaasErrors.InvalidRequest($"status must be \"{ProjectStatus.Active}\" or \"{ProjectStatus.Suspended}\"");
        }

        if (!TryOptionalString(body, "short_desc", out var shortDesc) || !TryOptionalString(body, "description", out var description))
        {
            return CpaasErrors.InvalidRequest("short_desc and description must be strings");
        }

        if (ShapeProblem(body, shapes.EditRequest) is { } shapeError)
        {
            return shapeError;
        }

        var now = table.NextChangeTime(Time.GetUtcNow());
        project.AppName = appName ?? project.AppName;
        project.CategoryId = categoryId ?? project.CategoryId;
        project.Services = services;
        if (body.ContainsKey("short_desc"))
        {
            project.ShortDesc = shortDesc;
        }

        if (body.ContainsKey("description"))
        {
            project.Description = description;
        }

        if (status is not null && status != project.Status)
        {
            project.Status = status;
            project.SuspendedAt = status == ProjectStatus.Suspended ? now : null;
        }

        project.UpdatedAt = now;
        return ApiReply.Success(
            new JsonObject
            {
                ["msg"] = $"Project {project.AppName} has been updated",
                ["user"] = Summary(project),
            },
            committed: true,
            appId: project.AppId);
    });

    private ApiReply ResetKey(ApiRequest request) => store.Transact(table =>
    {
        if (Visible(table, request) is not { } project)
        {
            return CpaasErrors.InvalidAppId();
        }

        project.AppKey = ProjectIds.NewKey();
        project.UpdatedAt = table.NextChangeTime(Time.GetUtcNow());
        return ApiReply.Success(
            new JsonObject
            {
                ["msg"] = $"API Access Key for Project {project.AppName} has been reset",
                ["project"] = new JsonObject
                {
                    ["app_id"] = project.AppId,
                    ["app_key"] = project.AppKey,
                    ["app_name"] = project.AppName,
                },
            },
            committed: true,
            appId: project.AppId);
    });
}
