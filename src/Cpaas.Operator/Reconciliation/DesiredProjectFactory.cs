using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Builds the desired project with the mapping layer. Hashes are salted per resource (its uid), so they survive
/// restarts and equal inputs of two resources never hash alike.
/// </summary>
public sealed class DesiredProjectFactory : IDesiredProjectFactory
{
    public DesiredProject Create(CpaasProject resource, IReadOnlyDictionary<SecretKeySelector, string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(resource);
        DesiredSections sections;
        try
        {
            sections = DesiredSections.FromSpec(resource.Spec, secretValues);
        }
        catch (MissingSecretValueException error)
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid, error.Message, innerException: error);
        }

        var hasher = new AppliedInputHasher(resource.Metadata.Uid ?? resource.Metadata.Name);

        // Against "nothing applied yet" every write-only leaf is hashed: exactly the set to compare with status.
        var hashes = ProjectDiffer.Diff(sections, ActualSections.None, null, hasher).AppliedInputHashes;
        return new DesiredProject(resource, secretValues, ProjectRequestMapper.ToAddRequest(resource), sections, hasher, hashes);
    }
}
