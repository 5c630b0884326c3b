using Cpaas.Client;
using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The CPaaS calls the reconciler makes (docs/cpaas-api.md), I/O only: what to write is decided by
/// <see cref="ProjectPlanner"/>. Errors are <see cref="Cpaas.Client.Errors.CpaasApiException"/>.
/// </summary>
public interface IProjectGateway
{
    /// <summary>One GET of the project, with its current app key.</summary>
    Task<ProjectDetails> GetAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);

    /// <summary>One POST add; never retried by the HTTP layer. Returns the new app id and key.</summary>
    Task<ProjectCredentials> AddAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken);

    /// <summary>Makes the plan's calls; returns the embed room when the embed section was written.</summary>
    Task<EmbedRoom?> ApplyAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken);

    /// <summary>Every project named exactly <paramref name="appName"/> that the account can see (all pages).</summary>
    Task<IReadOnlyList<ProjectSummary>> FindByAppNameAsync(CpaasAccount account, string appName, CancellationToken cancellationToken);

    /// <summary>Edits the project's status to suspended (deletion policy Suspend).</summary>
    Task SuspendAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);

    /// <summary>One reset_key; never retried by the HTTP layer. Returns the new key.</summary>
    Task<string> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);
}
