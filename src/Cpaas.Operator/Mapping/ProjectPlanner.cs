using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The one place that decides which CPaaS writes a reconcile makes (pure): desired state, what GET showed (null
/// for a project just created: nothing configured yet) and the write-only input hashes last applied, to one plan.
/// </summary>
public static class ProjectPlanner
{
    /// <param name="desired">What the spec asks for.</param>
    /// <param name="observed">The project as GET returned it; null for a project this reconcile just added.</param>
    /// <param name="applied">The digests of the write-only inputs last applied, from status (ignored for a new project).</param>
    /// <param name="refreshEmbedRoom">
    /// The embed room's host URL is known neither from this reconcile nor from the connection Secret: GET never
    /// returns it, so the embed section is written again to read it (no field counts as changed).
    /// </param>
    public static ProjectPlan Plan(DesiredProject desired, ProjectDetails? observed, AppliedInputDigests? applied, bool refreshEmbedRoom)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var edit = observed is null ? EditForNewProject(desired) : ProjectRequestMapper.ToEditPlan(desired.Resource, observed);
        var sections = ProjectDiffer.Diff(
            desired.Sections,
            observed is null ? ProjectSections.None : ProjectSections.FromGet(observed),
            desired.InputHashes,
            observed is null ? null : applied);
        var changes = sections.Sections;
        if (refreshEmbedRoom && changes.Embed is null && desired.Sections.Embed is { } embed)
        {
            changes = changes with { Embed = embed };
        }

        return new ProjectPlan
        {
            Edit = edit.Edit,
            Sections = changes,
            ChangedFields = [.. edit.ChangedFields, .. sections.ChangedFields],
        };
    }

    // Add cannot suspend: a project that must start suspended needs one Edit.
    private static ProjectPlan EditForNewProject(DesiredProject desired) =>
        desired.Resource.Spec.Suspended == true
            ? new ProjectPlan { Edit = ProjectRequestMapper.SuspendRequest(), ChangedFields = ["suspended"] }
            : ProjectPlan.None;
}
