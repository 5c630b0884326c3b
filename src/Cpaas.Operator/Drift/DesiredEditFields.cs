using Cpaas.Client.Models;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Drift;

/// <summary>
/// The Edit-level fields a resource manages, as the project list shows them; null means not managed. Services are
/// always managed (a service is included exactly when its spec section is present).
/// </summary>
public sealed record DesiredEditFields
{
    public string? AppName { get; init; }

    public string? CategoryId { get; init; }

    public string? ShortDesc { get; init; }

    public string? Description { get; init; }

    /// <summary><c>active</c> or <c>suspended</c>; null when the spec leaves suspension unmanaged.</summary>
    public string? Status { get; init; }

    public required ServicesIncluded Services { get; init; }

    /// <summary>What a resource's spec manages, with the same rules as its Edit call (from its cached summary).</summary>
    public static DesiredEditFields From(CpaasProjectSummary project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var spec = project.Spec;
        return new DesiredEditFields
        {
            AppName = project.EffectiveAppName(),
            CategoryId = spec.CategoryId,
            ShortDesc = spec.ShortDescription,
            Description = spec.Description,
            Status = spec.Suspended switch { true => ProjectStatusValues.Suspended, false => ProjectStatusValues.Active, null => null },
            Services = ProjectRequestMapper.ServicesFor(
                video: spec.Video is not null, voice: spec.Voice is not null, sms: spec.Sms is not null, embed: spec.Embed is not null),
        };
    }
}
