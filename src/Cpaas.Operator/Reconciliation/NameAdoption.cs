using Cpaas.Client.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Adoption by name (spec.adoptionPolicy AdoptOrCreate / AdoptOnly, and managementPolicy Observe): the single project
/// named exactly like the resource's app name that no other resource claims (pure).
/// </summary>
public static class NameAdoption
{
    /// <summary>The app ids of the unclaimed projects with exactly that name, distinct and in the order listed.</summary>
    public static IReadOnlyList<string> Candidates(string appName, IEnumerable<ProjectSummary> found, Func<string, bool> isClaimedByAnotherResource)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(isClaimedByAnotherResource);
        return found
            .Where(p => p.AppId is not null && string.Equals(p.AppName, appName, StringComparison.Ordinal))
            .Select(p => p.AppId!)
            .Where(id => !isClaimedByAnotherResource(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
