using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The CPaaS writes that bring a project to its spec: at most one Edit and one PATCH per section, each carrying
/// only the keys that differ, and the names of the fields they change. Built by <see cref="ProjectPlanner"/>.
/// </summary>
public sealed record ProjectPlan
{
    public static ProjectPlan None { get; } = new();

    /// <summary>The Edit (project's own fields); null: none needed.</summary>
    public ProjectUpdateRequest? Edit { get; init; }

    /// <summary>The section PATCHes, each with only its changed keys; a null section needs no call.</summary>
    public ProjectSections Sections { get; init; } = ProjectSections.None;

    /// <summary>Spec paths of the fields that differ, for events, drift reports and logs. Never values.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <summary>Whether the plan makes any CPaaS call.</summary>
    public bool HasChanges => Edit is not null || !Sections.IsEmpty;

    // The PATCH bodies hold resolved secret values: print only field names.
#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Edit = ").Append(Edit is not null)
            .Append(", Sections = ").Append(Sections)
            .Append(", ChangedFields = [").AppendJoin(", ", ChangedFields).Append(']');
        return true;
    }
#pragma warning restore IDE0051
}
