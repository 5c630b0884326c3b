using Cpaas.Client.Errors;
using Cpaas.Client.Models;

namespace Cpaas.Client;

/// <summary>
/// The CPaaS projects API, one method per operation. Every method takes the account first and a cancellation
/// token last, returns the typed payload of a <c>result: 1</c> response, and otherwise throws
/// <see cref="CpaasApiException"/> (cancellation by the caller throws <see cref="OperationCanceledException"/>).
/// Idempotent operations are retried on transient failures; <see cref="AddProjectAsync"/> and
/// <see cref="ResetKeyAsync"/> are attempted once (see <see cref="CpaasApiException.OutcomeUnknown"/>).
/// </summary>
public interface ICpaasClient
{
    Task<ProjectPage> ListProjectsAsync(CpaasAccount account, ProjectListQuery? query, CancellationToken cancellationToken);

    /// <exception cref="CpaasApiException">Kind NotFound (1007) when the project does not exist for this account.</exception>
    Task<ProjectDetails> GetProjectAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);

    /// <summary>Creates a project. Never retried: on failure check <see cref="CpaasApiException.OutcomeUnknown"/>.</summary>
    /// <returns>The new project's app_id and app_key (both present, or the call throws).</returns>
    Task<ProjectCredentials> AddProjectAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken);

    Task<ProjectUpdateResult> EditProjectAsync(CpaasAccount account, string appId, ProjectUpdateRequest request, CancellationToken cancellationToken);

    /// <summary>Issues a new app_key. Never retried: on failure check <see cref="CpaasApiException.OutcomeUnknown"/>.</summary>
    /// <returns>The project's credentials with the new app_key (present, or the call throws).</returns>
    Task<ProjectCredentials> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);

    Task<ProjectUpdateResult> PatchVideoAsync(CpaasAccount account, string appId, VideoSettingsPatch patch, CancellationToken cancellationToken);

    Task<ProjectUpdateResult> PatchVoiceAsync(CpaasAccount account, string appId, VoiceSettingsPatch patch, CancellationToken cancellationToken);

    Task<ProjectUpdateResult> PatchSmsAsync(CpaasAccount account, string appId, SmsSettings patch, CancellationToken cancellationToken);

    Task<VideoEmbedResult> PatchVideoEmbedAsync(CpaasAccount account, string appId, VideoEmbedPatch patch, CancellationToken cancellationToken);
}
