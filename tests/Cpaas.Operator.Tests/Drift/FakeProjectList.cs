using System.Net;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;

namespace Cpaas.Operator.Tests.Drift;

/// <summary>
/// An account's project list in memory, served as the API pages it: ordered by updated_at descending when asked
/// (creation order otherwise), page_length or <see cref="DefaultPageLength"/>. Records every list request; can refuse
/// the ordering, ignore it, or fail a given request. Only the list operation exists.
/// </summary>
internal sealed class FakeProjectList : ICpaasClient
{
    private readonly List<ProjectSummary> _projects = [];

    public int DefaultPageLength { get; set; } = 20;

    public bool RefuseUpdatedAtOrdering { get; set; }

    public bool IgnoreOrdering { get; set; }

    /// <summary>The list request with this 1-based number (counted over the object's life) fails as transient.</summary>
    public int? FailRequest { get; set; }

    public List<ProjectListQuery> Requests { get; } = [];

    /// <summary>Runs before each list request is served, with its 1-based number: a change made while a sweep pages.</summary>
    public Action<int>? BeforeRequest { get; set; }

    public IReadOnlyList<ProjectSummary> Projects => _projects;

    /// <summary>The API's clock: each page's HTTP Date is its now in whole seconds (rounded down); null: no Date header.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    public ProjectSummary Add(string appId, DateTimeOffset updatedAt, string appKey = "key-0", string? description = null)
    {
        var project = new ProjectSummary
        {
            AppId = appId,
            AppName = appId,
            AppKey = appKey,
            CategoryId = "education",
            Description = description,
            Status = "active",
            ServicesIncl = new ServicesIncluded { Video = true, Sms = false, Voice = false },
            CreatedAt = updatedAt,
            UpdatedAt = updatedAt,
        };
        _projects.Add(project);
        return project;
    }

    /// <summary>Replaces a project (an out-of-band change, with the new updated_at it brings).</summary>
    public void Change(string appId, Func<ProjectSummary, ProjectSummary> change)
    {
        var index = _projects.FindIndex(p => p.AppId == appId);
        _projects[index] = change(_projects[index]);
    }

    public Task<ProjectPage> ListProjectsAsync(CpaasAccount account, ProjectListQuery? query, CancellationToken cancellationToken)
    {
        var q = query ?? new ProjectListQuery();
        int number;
        lock (Requests)
        {
            Requests.Add(q);
            number = Requests.Count;
        }

        BeforeRequest?.Invoke(number);
        cancellationToken.ThrowIfCancellationRequested(); // as the HTTP client does
        if (FailRequest == number)
        {
            throw new CpaasApiException(CpaasErrorKind.Transient, CpaasOperation.ListProjects, "CPaaS list_projects failed: HTTP 503", HttpStatusCode.ServiceUnavailable);
        }

        if (q.OrderBy == ProjectListQuery.UpdatedAt && RefuseUpdatedAtOrdering)
        {
            throw new CpaasApiException(CpaasErrorKind.InvalidInput, CpaasOperation.ListProjects, "CPaaS list_projects failed: result 1104", HttpStatusCode.NotAcceptable, "1104");
        }

        var length = q.PageLength ?? DefaultPageLength;
        IEnumerable<ProjectSummary> ordered = q.OrderBy == ProjectListQuery.UpdatedAt && q.OrderQualify == ProjectListQuery.Descending && !IgnoreOrdering
            ? _projects.Select((p, i) => (p, i)).OrderByDescending(x => x.p.UpdatedAt).ThenByDescending(x => x.i).Select(x => x.p)
            : _projects;
        var page = ordered.Skip(((q.Page ?? 1) - 1) * length).Take(length).ToList();
        DateTimeOffset? servedAt = Clock is { } clock ? WholeSeconds(clock()) : null;
        return Task.FromResult(new ProjectPage(page, new ProjectSearchEcho { Page = q.Page ?? 1, PageLength = length, OrderBy = q.OrderBy }, servedAt));
    }

    /// <summary>A time as a second-granular API writes it: rounded down to the second.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    public Task<ProjectDetails> GetProjectAsync(CpaasAccount account, string appId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectCredentials> AddProjectAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectUpdateResult> EditProjectAsync(CpaasAccount account, string appId, ProjectUpdateRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectCredentials> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectUpdateResult> PatchVideoAsync(CpaasAccount account, string appId, VideoSettingsPatch patch, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectUpdateResult> PatchVoiceAsync(CpaasAccount account, string appId, VoiceSettingsPatch patch, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProjectUpdateResult> PatchSmsAsync(CpaasAccount account, string appId, SmsSettings patch, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<VideoEmbedResult> PatchVideoEmbedAsync(CpaasAccount account, string appId, VideoEmbedPatch patch, CancellationToken cancellationToken) => throw new NotSupportedException();
}
