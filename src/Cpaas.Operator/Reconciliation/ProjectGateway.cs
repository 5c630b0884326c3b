using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The CPaaS side of the reconciler, on <see cref="ICpaasClient"/> and the pure mapping layer.</summary>
public sealed class ProjectGateway(ICpaasClient client) : IProjectGateway
{
    public async Task<ProjectObservation> ObserveAsync(CpaasAccount account, string appId, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var project = await client.GetProjectAsync(account, appId, cancellationToken);
        var edit = ProjectRequestMapper.ToEditPlan(desired.Resource, project);
        var diff = ProjectDiffer.Diff(
            desired.Sections,
            ActualSections.FromGet(project),
            desired.Resource.Status?.AppliedInputHashes?.AsReadOnly(),
            desired.Hasher);
        return new ProjectObservation(project, ToPlan(edit.Request, diff, edit.ChangedFields));
    }

    public Task<ProjectCredentials> CreateAsync(CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return client.AddProjectAsync(account, desired.CreateRequest, cancellationToken);
    }

    public ProjectPlan PlanForNewProject(DesiredProject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var diff = ProjectDiffer.Diff(desired.Sections, ActualSections.None, null, desired.Hasher);

        // Add cannot suspend: a project that must start suspended needs one Edit.
        var edit = desired.Resource.Spec.Suspended == true ? ProjectRequestMapper.SuspendRequest() : null;
        return ToPlan(edit, diff, edit is null ? [] : ["suspended"]);
    }

    /// <summary>
    /// The Edit first (it may change what the sections apply to), then the sections at once: voice, SMS and the
    /// video chain are separate endpoints, so one project's PATCHes cost one API round trip instead of four. Video and
    /// video-embed both write the project's video settings, so they stay in order. The first failure surfaces; the
    /// next reconcile's diff finds what is still missing.
    /// </summary>
    public async Task<EmbedRoom?> ApplyAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Edit is not null)
        {
            await client.EditProjectAsync(account, appId, plan.Edit, cancellationToken);
        }

        var videoChain = ApplyVideoAsync(account, appId, plan, cancellationToken);
        var voice = plan.Voice is null ? Task.CompletedTask : client.PatchVoiceAsync(account, appId, plan.Voice, cancellationToken);
        var sms = plan.Sms is null ? Task.CompletedTask : client.PatchSmsAsync(account, appId, plan.Sms, cancellationToken);
        await Task.WhenAll(videoChain, voice, sms);
        return await videoChain;
    }

    private async Task<EmbedRoom?> ApplyVideoAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Video is not null)
        {
            await client.PatchVideoAsync(account, appId, plan.Video, cancellationToken);
        }

        if (plan.Embed is null)
        {
            return null;
        }

        var result = await client.PatchVideoEmbedAsync(account, appId, plan.Embed, cancellationToken);
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

    private static ProjectPlan ToPlan(ProjectUpdateRequest? edit, ProjectDiff diff, IReadOnlyList<string> editFields) => new()
    {
        Edit = edit,
        Video = diff.Video,
        Voice = diff.Voice,
        Sms = diff.Sms,
        Embed = diff.Embed,
        ChangedFields = [.. editFields, .. diff.ChangedFields],
    };
}
