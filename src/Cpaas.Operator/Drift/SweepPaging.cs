using Cpaas.Client;
using Cpaas.Client.Models;

namespace Cpaas.Operator.Drift;

/// <summary>
/// The paging decision of one sweep, page by page: pure, no I/O. Incremental (pages ordered by updated_at
/// descending): stop after the first page whose oldest updated_at is older than the cutoff (the previous complete
/// sweep's start minus the margin, docs/decisions/0042). Full (no previous sweep, or the account fell back): read to the end. Either
/// way the list ends at an empty page, a page shorter than the page length, or a page equal to the one before. An
/// incremental sweep that meets an unreadable updated_at or an ordering that is not descending reads on to the end
/// and reports why (<see cref="Problem"/>).
/// </summary>
public sealed class SweepPaging
{
    private readonly DateTimeOffset? _cutoff;
    private readonly int? _requestedPageLength;
    private IReadOnlyList<string?>? _previousIds;

    /// <param name="previousSweepAt">When the previous complete sweep started (on the API's clock if known); null: read everything.</param>
    /// <param name="margin">Allowance for late commits and clock differences.</param>
    /// <param name="ordered">Whether pages come ordered by updated_at descending (false: a full list in the API's default order).</param>
    /// <param name="requestedPageLength">The page_length asked for; null: the server's (from its echo, if any).</param>
    public SweepPaging(DateTimeOffset? previousSweepAt, TimeSpan margin, bool ordered, int? requestedPageLength)
    {
        Ordered = ordered;
        _cutoff = ordered && previousSweepAt is { } mark ? mark - margin : null;
        _requestedPageLength = requestedPageLength;
    }

    public bool Ordered { get; }

    /// <summary>Whether this sweep reads every page.</summary>
    public bool ReadsEverything => _cutoff is null || Problem is not null;

    public int Pages { get; private set; }

    /// <summary>The HTTP Date of the first page (the sweep's start on the API's clock); null when it had none.</summary>
    public DateTimeOffset? FirstServedAt { get; private set; }

    /// <summary>Why this account's sweeps should read everything from now on; null while the list behaves.</summary>
    public SweepFallbackReason? Problem { get; private set; }

    /// <summary>Takes in the next page.</summary>
    /// <returns>The projects of the page to assess (none when it repeats the previous page), and whether to read another page.</returns>
    public (IReadOnlyList<ProjectSummary> Projects, bool More) Accept(ProjectPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Pages++;
        if (Pages == 1)
        {
            FirstServedAt = page.ServedAt;
        }

        var projects = page.Projects;
        var ids = projects.Select(p => p.AppId).ToList();
        if (ids.Count == 0 || (_previousIds is not null && _previousIds.SequenceEqual(ids)))
        {
            return ([], false);
        }

        _previousIds = ids;
        // Ordering is checked within a page only: across pages, a project newer than the previous page's last one is
        // explained by changes made while the sweep pages (a burst of page_length changes shifts whole pages down),
        // and must not make the account fall back to full lists for good.
        DateTimeOffset? oldest = null;
        DateTimeOffset? previous = null;
        foreach (var project in projects)
        {
            if (project.UpdatedAt is not { } updatedAt)
            {
                Problem ??= SweepFallbackReason.UnparseableUpdatedAt;
                continue;
            }

            if (Ordered && previous is { } before && updatedAt > before)
            {
                Problem ??= SweepFallbackReason.NotOrdered;
            }

            previous = updatedAt;
            oldest = oldest is { } o && o <= updatedAt ? o : updatedAt;
        }

        var pageLength = _requestedPageLength ?? page.Search?.PageLength;
        var lastPage = (pageLength is { } length && ids.Count < length) || Pages >= CpaasClientPaging.MaxPages;
        var reachedCutoff = !ReadsEverything && oldest is { } oldestSeen && oldestSeen < _cutoff;
        return (projects, !lastPage && !reachedCutoff);
    }
}
