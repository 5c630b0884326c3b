using Cpaas.Client.Models;
using Refit;

namespace Cpaas.Client.Api;

/// <summary>
/// The CPaaS projects API as documented: one method per route. Paths are relative to the account's base URL;
/// the HTTP pipeline resolves them, adds Basic auth, rate-limits and retries, all from the
/// <see cref="CpaasRequestContext"/> each call carries. Responses come back unthrown (<see cref="IApiResponse{T}"/>)
/// so that <see cref="CpaasClient"/> can read the CPaaS envelope whatever the HTTP status.
/// </summary>
public interface ICpaasProjectsApi
{
    [Get("/projects")]
    Task<IApiResponse<ProjectListResponse>> ListProjectsAsync(
        [Query] int? page,
        [Query, AliasAs("page_length")] int? pageLength,
        [Query, AliasAs("customer_id")] string? customerId,
        [Query, AliasAs("search_by")] string? searchBy,
        [Query, AliasAs("search_string")] string? searchString,
        [Query, AliasAs("order_by")] string? orderBy,
        [Query, AliasAs("order_qualify")] string? orderQualify,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Get("/projects/{appId}")]
    Task<IApiResponse<ProjectGetResponse>> GetProjectAsync(
        string appId,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Post("/projects")]
    Task<IApiResponse<ProjectCredentialsResponse>> AddProjectAsync(
        [Body] ProjectCreateRequest request,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Post("/projects/{appId}")]
    Task<IApiResponse<ProjectUpdatedResponse>> EditProjectAsync(
        string appId,
        [Body] ProjectUpdateRequest request,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Post("/projects/{appId}/reset_key")]
    Task<IApiResponse<ProjectCredentialsResponse>> ResetKeyAsync(
        string appId,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Patch("/projects/{appId}/video")]
    Task<IApiResponse<ProjectUpdatedResponse>> PatchVideoAsync(
        string appId,
        [Body] VideoSettingsPatch patch,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Patch("/projects/{appId}/voice")]
    Task<IApiResponse<ProjectUpdatedResponse>> PatchVoiceAsync(
        string appId,
        [Body] VoiceSettingsPatch patch,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Patch("/projects/{appId}/sms")]
    Task<IApiResponse<ProjectUpdatedResponse>> PatchSmsAsync(
        string appId,
        [Body] SmsSettings patch,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);

    [Patch("/projects/{appId}/video-embed")]
    Task<IApiResponse<VideoEmbedResponse>> PatchVideoEmbedAsync(
        string appId,
        [Body] VideoEmbedPatch patch,
        [Property(CpaasRequestContext.OptionKey)] CpaasRequestContext context,
        CancellationToken cancellationToken);
}
