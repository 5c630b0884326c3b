using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>The Edit call that brings the project's own fields to the spec (null: none needed), and the changed field names.</summary>
public sealed record ProjectEditPlan(ProjectUpdateRequest? Request, IReadOnlyList<string> ChangedFields)
{
    public bool HasChanges => Request is not null;
}
