using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The project's own fields: the add request that creates it, and the minimal edit request that keeps name,
/// category, descriptions, suspension and included services equal to the spec.
/// </summary>
public static class ProjectRequestMapper
{
    /// <summary>
    /// services_incl: a service is included exactly when its section is present (embed needs video). Each flag is
    /// always sent, so removing a section from the spec turns its service off.
    /// </summary>
    public static ServicesIncluded ServicesFor(CpaasProjectSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ServicesFor(video: spec.Video is not null, voice: spec.Voice is not null, sms: spec.Sms is not null, embed: spec.Embed is not null);
    }

    /// <summary>The services a spec with these sections present includes: embed implies video.</summary>
    public static ServicesIncluded ServicesFor(bool video, bool voice, bool sms, bool embed) =>
        new() { Video = video || embed, Sms = sms, Voice = voice };

    /// <summary>POST add: app_name defaults to metadata.name; customer_id only when the spec names one (admin accounts).</summary>
    public static ProjectCreateRequest ToAddRequest(CpaasProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var spec = project.Spec;
        return new ProjectCreateRequest
        {
            CustomerId = spec.CustomerId,
            AppName = project.EffectiveAppName(),
            CategoryId = spec.CategoryId,
            ShortDesc = spec.ShortDescription,
            Description = spec.Description,
            ServicesIncl = ServicesFor(spec),
        };
    }

    /// <summary>
    /// POST edit with only the keys that differ from GET, as a plan with no section calls. Descriptions and
    /// suspension are managed only when the spec sets them; app name (or its default) and category always.
    /// </summary>
    public static ProjectPlan ToEditPlan(CpaasProject project, ProjectDetails actual)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(actual);
        var spec = project.Spec;
        var changed = new List<string>();

        string? Changed(string field, string? desired, string? current, StringComparison comparison = StringComparison.Ordinal)
        {
            if (desired is null || string.Equals(desired, current, comparison))
            {
                return null;
            }

            changed.Add(field);
            return desired;
        }

        var appName = Changed("appName", project.EffectiveAppName(), actual.AppName);
        var categoryId = Changed("categoryId", spec.CategoryId, actual.CategoryId);
        var shortDesc = Changed("shortDescription", spec.ShortDescription, actual.ShortDesc);
        var description = Changed("description", spec.Description, actual.Description);
        var status = Changed(
            "suspended",
            spec.Suspended switch { true => ProjectStatusValues.Suspended, false => ProjectStatusValues.Active, null => null },
            actual.Status,
            StringComparison.OrdinalIgnoreCase);

        var services = ServicesFor(spec);
        var servicesDiffer = services.Video != (actual.ServicesIncl?.Video ?? false)
            || services.Sms != (actual.ServicesIncl?.Sms ?? false)
            || services.Voice != (actual.ServicesIncl?.Voice ?? false);
        if (servicesDiffer)
        {
            changed.Add("servicesIncluded");
        }

        if (changed.Count == 0)
        {
            return ProjectPlan.None;
        }

        return new ProjectPlan
        {
            Edit = new ProjectUpdateRequest
            {
                AppName = appName,
                CategoryId = categoryId,
                ShortDesc = shortDesc,
                Description = description,
                Status = status,
                ServicesIncl = servicesDiffer ? services : null,
            },
            ChangedFields = changed,
        };
    }

    /// <summary>The Edit request that suspends the project (deletion policy Suspend).</summary>
    public static ProjectUpdateRequest SuspendRequest() => new() { Status = ProjectStatusValues.Suspended };
}
