using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The CPaaS calls of the reconciler on <see cref="ICpaasClient"/>.</summary>
public sealed class ProjectGateway(ICpaasClient client) : IProjectGateway
{
    public Task<ProjectDetails> GetAsync(CpaasAccount account, string appId, CancellationToken cancellationToken) =>
        client.GetProjectAsync(account, appId, cancellationToken);

    public Task<ProjectCredentials> AddAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken) =>
        client.AddProjectAsync(account, request, cancellationToken);

    /// <summary>
    /// The Edit first (it may change what the sections apply to), then the sections at once: voice, SMS and the
    /// video chain are separate endpoints, so one project's PATCHes cost one API round trip instead of four. Video and
    /// video-embed both write the project's video settings, so they stay in order. The first failure surfaces; the
    /// next reconcile's plan finds what is still missing.
    /// </summary>
    public async Task<EmbedRoom?> ApplyAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Edit is not null)
        {
            await client.EditProjectAsync(account, appId, plan.Edit, cancellationToken);
        }

        var sections = plan.Sections;
        var videoChain = ApplyVideoAsync(account, appId, sections, cancellationToken);
        var voice = sections.Voice is null ? Task.CompletedTask : client.PatchVoiceAsync(account, appId, sections.Voice, cancellationToken);
        var sms = sections.Sms is null ? Task.CompletedTask : client.PatchSmsAsync(account, appId, sections.Sms, cancellationToken);
        await Task.WhenAll(videoChain, voice, sms);
        return await videoChain;
    }

    private async Task<EmbedRoom?> ApplyVideoAsync(CpaasAccount account, string appId, ProjectSections sections, CancellationToken cancellationToken)
    {
        if (sections.Video is not null)
        {
            await client.PatchVideoAsync(account, appId, sections.Video, cancellationToken);
        }

        if (sections.Embed is null)
        {
            return null;
        }

        var result = await client.PatchVideoEmbedAsync(account, appId, sections.Embed, cancellationToken);
        return result.Room;
    }

    public async Task<IReadOnlyList<ProjectSummary>> FindByAppNameAsync(CpaasAccount account, string appName, CancellationToken cancellationToken)
    {
        var found = new List<ProjectSummary>();
        var query = new ProjectListQuery { SearchBy = "app_name", SearchString = appName };
        await foreach (var project in client.ListAllProjectsAsync(account, query, cancellationToken))
        {
            // search_string may match by substring: only the exact name counts.
            if (string.Equals(project.AppName, appName, StringComparison.Ordinal))
            {
                found.Add(project);
            }
        }

        return found;
    }

    public Task SuspendAsync(CpaasAccount account, string appId, CancellationToken cancellationToken) =>
        client.EditProjectAsync(account, appId, ProjectRequestMapper.SuspendRequest(), cancellationToken);

    public async Task<string> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        var credentials = await client.ResetKeyAsync(account, appId, cancellationToken);
        return credentials.AppKey ?? throw new CpaasApiException($"reset_key for project {appId} returned no app_key");
    }
}
