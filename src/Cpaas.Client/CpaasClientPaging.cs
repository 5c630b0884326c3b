using System.Runtime.CompilerServices;
using Cpaas.Client.Models;

namespace Cpaas.Client;

public static class CpaasClientPaging
{
    /// <summary>Guards against a server that ignores <c>page</c> and returns the same page forever.</summary>
    public const int MaxPages = 10_000;

    /// <summary>
    /// Every project matching <paramref name="query"/>, page after page from <c>query.Page</c> (default 1). Stops at
    /// an empty page, a page shorter than the page length, or a page identical to the one before.
    /// </summary>
    public static async IAsyncEnumerable<ProjectSummary> ListAllProjectsAsync(
        this ICpaasClient client,
        CpaasAccount account,
        ProjectListQuery? query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var current = (query ?? new ProjectListQuery()) with { Page = query?.Page ?? 1 };
        IReadOnlyList<string?>? previousIds = null;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await client.ListProjectsAsync(account, current, cancellationToken);
            var ids = page.Projects.Select(p => p.AppId).ToList();
            if (ids.Count == 0 || (previousIds is not null && previousIds.SequenceEqual(ids)))
            {
                yield break;
            }

            foreach (var project in page.Projects)
            {
                yield return project;
            }

            var pageLength = current.PageLength ?? page.Search?.PageLength;
            if (pageLength is { } length && ids.Count < length)
            {
                yield break;
            }

            previousIds = ids;
            current = current with { Page = current.Page + 1 };
        }
    }
}
