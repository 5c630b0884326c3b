using System.Net;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation.Fakes;

/// <summary>
/// The CPaaS API as an in-memory store of projects behind <see cref="IProjectGateway"/>. Every call is recorded in
/// <see cref="Calls"/> ("get app-1", "add demo-project", "apply app-1 edit+video", ...); <see cref="Fail"/> makes the
/// next call of an operation throw.
/// </summary>
internal sealed class FakeGateway : IProjectGateway
{
    private readonly Dictionary<string, Queue<CpaasApiException>> _failures = [];
    private readonly Dictionary<string, Queue<CpaasApiException>> _lostResponses = [];
    private int _created;

    public Dictionary<string, ProjectDetails> Projects { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>The api_id of the account each call was made with, in the order of <see cref="Calls"/>.</summary>
    public List<string> Accounts { get; } = [];

    /// <summary>The request priority (<see cref="CpaasRequestPriority.Current"/>) of every GET, in order.</summary>
    public List<CpaasPriority> GetPriorities { get; } = [];

    /// <summary>The request priority of every apply (Edit and PATCHes), in order.</summary>
    public List<CpaasPriority> ApplyPriorities { get; } = [];

    /// <summary>Every plan applied, in order.</summary>
    public List<ProjectPlan> Plans { get; } = [];

    /// <summary>Runs during each GET, after the API read the project: what happens elsewhere while a reconcile observes.</summary>
    public Action? WhileGetting { get; set; }

    /// <summary>The next call of <paramref name="operation"/> (get, add, apply, find, suspend, reset_key) throws <paramref name="error"/>.</summary>
    public void Fail(string operation, CpaasApiException error)
    {
        if (!_failures.TryGetValue(operation, out var queue))
        {
            _failures[operation] = queue = new Queue<CpaasApiException>();
        }

        queue.Enqueue(error);
    }

    /// <summary>The next call of <paramref name="operation"/> takes effect, then its answer is lost: it throws <paramref name="error"/>.</summary>
    public void LoseResponse(string operation, CpaasApiException error)
    {
        if (!_lostResponses.TryGetValue(operation, out var queue))
        {
            _lostResponses[operation] = queue = new Queue<CpaasApiException>();
        }

        queue.Enqueue(error);
    }

    public static CpaasApiException NotFound() =>
        new(CpaasErrorKind.NotFound, CpaasOperation.GetProject, "Invalid App ID", HttpStatusCode.NotFound, "1007", "Invalid App ID");

    public static CpaasApiException Unavailable(bool outcomeUnknown = false) =>
        new(CpaasErrorKind.Transient, CpaasOperation.AddProject, "unavailable", HttpStatusCode.ServiceUnavailable, outcomeUnknown: outcomeUnknown);

    public static CpaasApiException InvalidCategory() =>
        new(CpaasErrorKind.InvalidInput, CpaasOperation.AddProject, "Invalid Category ID", HttpStatusCode.BadRequest, "1008", "Invalid Category ID");

    public static CpaasApiException Rejected(string apiMessage) =>
        new(CpaasErrorKind.InvalidInput, CpaasOperation.PatchVideo, apiMessage, HttpStatusCode.BadRequest, "1002", apiMessage);

    public static CpaasApiException CredentialsRejected() =>
        new(CpaasErrorKind.Credentials, CpaasOperation.GetProject, "Invalid credentials", HttpStatusCode.Unauthorized, "1001", "Invalid credentials");

    /// <summary>A project the API already holds.</summary>
    public ProjectDetails Holds(string appId, string appName, string appKey = "key-of-existing", DateTimeOffset? createdAt = null, Func<ProjectDetails, ProjectDetails>? shape = null)
    {
        var project = new ProjectDetails
        {
            AppId = appId,
            AppKey = appKey,
            AppName = appName,
            CategoryId = "education",
            Status = ProjectStatusValues.Active,
            StatusEx = "Active",
            ServicesIncl = new ServicesIncluded { Video = true, Sms = false, Voice = false },
            CreatedAt = createdAt ?? DateTimeOffset.UnixEpoch.AddDays(20_000),
            Video = new VideoSettings { NotificationUrl = "https://hooks.example.com/demo" },
        };
        Projects[appId] = shape is null ? project : shape(project);
        return Projects[appId];
    }

    public Task<ProjectDetails> GetAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        GetPriorities.Add(CpaasRequestPriority.Current);
        Record("get", appId, account);
        var found = Projects.TryGetValue(appId, out var project);
        WhileGetting?.Invoke();
        return found ? Task.FromResult(project!) : throw NotFound();
    }

    public Task<ProjectCredentials> AddAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken)
    {
        Record("add", request.AppName!, account);
        var appId = $"app-new-{++_created}";
        Projects[appId] = new ProjectDetails
        {
            AppId = appId,
            AppKey = $"key-new-{_created}",
            AppName = request.AppName,
            CategoryId = request.CategoryId,
            ShortDesc = request.ShortDesc,
            Description = request.Description,
            ServicesIncl = request.ServicesIncl,
            Status = ProjectStatusValues.Active,
            StatusEx = "Active",
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(20_000),
        };
        ThrowIfResponseLost("add");
        return Task.FromResult(new ProjectCredentials { AppId = appId, AppKey = $"key-new-{_created}", AppName = request.AppName });
    }

    public Task<EmbedRoom?> ApplyAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken)
    {
        var parts = new[] { plan.Edit is null ? null : "edit", plan.Sections.Video is null ? null : "video", plan.Sections.Voice is null ? null : "voice", plan.Sections.Sms is null ? null : "sms", plan.Sections.Embed is null ? null : "embed" };
        ApplyPriorities.Add(CpaasRequestPriority.Current);
        Record("apply", $"{appId} {string.Join('+', parts.OfType<string>())}", account);
        Plans.Add(plan);
        var project = Projects.TryGetValue(appId, out var found) ? found : throw NotFound();
        if (plan.Edit is { } edit)
        {
            project = project with
            {
                AppName = edit.AppName ?? project.AppName,
                CategoryId = edit.CategoryId ?? project.CategoryId,
                ShortDesc = edit.ShortDesc ?? project.ShortDesc,
                Description = edit.Description ?? project.Description,
                Status = edit.Status ?? project.Status,
                StatusEx = edit.Status is null ? project.StatusEx : null,
                ServicesIncl = edit.ServicesIncl ?? project.ServicesIncl,
            };
        }

        if (plan.Sections.Video is { } video)
        {
            project = project with { Video = (project.Video ?? new VideoSettings()) with { NotificationUrl = video.NotificationUrl ?? project.Video?.NotificationUrl } };
        }

        Projects[appId] = project;
        return Task.FromResult(plan.Sections.Embed is null
            ? null
            : new EmbedRoom { RoomId = "room-" + appId, ParticipantMeetingUrl = "https://embed.example/" + appId, HostMeetingUrl = "https://embed.example/host/" + appId });
    }

    public Task<IReadOnlyList<ProjectSummary>> FindByAppNameAsync(CpaasAccount account, string appName, CancellationToken cancellationToken)
    {
        Record("find", appName, account);
        IReadOnlyList<ProjectSummary> found = [.. Projects.Values.Where(p => p.AppName == appName)
            .Select(p => new ProjectSummary { AppId = p.AppId, AppName = p.AppName, CreatedAt = p.CreatedAt })];
        return Task.FromResult(found);
    }

    public Task SuspendAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        Record("suspend", appId, account);
        Projects[appId] = (Projects.TryGetValue(appId, out var project) ? project : throw NotFound()) with { Status = ProjectStatusValues.Suspended };
        return Task.CompletedTask;
    }

    public Task<string> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        Record("reset_key", appId, account);
        var project = Projects.TryGetValue(appId, out var found) ? found : throw NotFound();
        var key = project.AppKey + "-rotated";
        Projects[appId] = project with { AppKey = key };
        ThrowIfResponseLost("reset_key");
        return Task.FromResult(key);
    }

    private void ThrowIfResponseLost(string operation)
    {
        if (_lostResponses.TryGetValue(operation, out var queue) && queue.TryDequeue(out var error))
        {
            throw error;
        }
    }

    private void Record(string operation, string target, CpaasAccount account)
    {
        Calls.Add($"{operation} {target}");
        Accounts.Add(account.ApiId);
        if (_failures.TryGetValue(operation, out var queue) && queue.TryDequeue(out var error))
        {
            throw error;
        }
    }
}
