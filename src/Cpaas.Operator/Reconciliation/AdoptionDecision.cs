using Cpaas.Client.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>What to do when a pending-create marker is found without an appId: the outcome of looking the project up.</summary>
public abstract record AdoptionDecision
{
    private AdoptionDecision()
    {
    }

    /// <summary>Exactly one unclaimed project with that name was created after the marker: it is ours.</summary>
    public sealed record Adopt(string AppId) : AdoptionDecision;

    /// <summary>No such project: the POST never committed; create it now.</summary>
    public sealed record CreateNew : AdoptionDecision;

    /// <summary>Several candidates: a person must decide; never create.</summary>
    public sealed record Ambiguous(IReadOnlyList<string> AppIds) : AdoptionDecision;

    /// <summary>
    /// Picks the project a crashed create left behind. Candidates have exactly the marker's app name, were created no
    /// earlier than the marker (less <paramref name="clockSkew"/>, since the API's clock is not ours) and are not
    /// claimed by another resource. A project with an unknown creation time is kept as a candidate: better ambiguous
    /// than a duplicate.
    /// </summary>
    public static AdoptionDecision Decide(
        PendingCreateMarker marker,
        IEnumerable<ProjectSummary> projectsWithThatName,
        Func<string, bool> isClaimedByAnotherResource,
        TimeSpan clockSkew)
    {
        var notBefore = marker.StartedAt - clockSkew;
        var candidates = projectsWithThatName
            .Where(p => p.AppId is not null && string.Equals(p.AppName, marker.AppName, StringComparison.Ordinal))
            .Where(p => p.CreatedAt is null || p.CreatedAt >= notBefore)
            .Where(p => !isClaimedByAnotherResource(p.AppId!))
            .Select(p => p.AppId!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return candidates.Count switch
        {
            0 => new CreateNew(),
            1 => new Adopt(candidates[0]),
            _ => new Ambiguous(candidates),
        };
    }
}
