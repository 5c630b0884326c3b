using Cpaas.Client;
using Cpaas.Client.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Everything the reconciler asks of the CPaaS API, as Crossplane's external client: observe, create, update,
/// suspend, plus key rotation and the look-up that recovers a crashed create. Errors are
/// <see cref="Cpaas.Client.Errors.CpaasApiException"/>.
/// </summary>
public interface IProjectGateway
{
    /// <summary>One GET; the plan holds what differs from <paramref name="desired"/>.</summary>
    Task<ProjectObservation> ObserveAsync(CpaasAccount account, string appId, DesiredProject desired, CancellationToken cancellationToken);

    /// <summary>One POST add; never retried by the HTTP layer.</summary>
    Task<ProjectCredentials> CreateAsync(CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken);

    /// <summary>The plan for a project just created: every managed section as desired.</summary>
    ProjectPlan PlanForNewProject(DesiredProject desired);

    /// <summary>Runs the plan's calls; returns the embed room when the embed section was written.</summary>
    Task<EmbedRoom?> ApplyAsync(CpaasAccount account, string appId, ProjectPlan plan, CancellationToken cancellationToken);

    /// <summary>Every project named <paramref name="appName"/> that the account can see (all pages).</summary>
    Task<IReadOnlyList<ProjectSummary>> FindByAppNameAsync(CpaasAccount account, string appName, CancellationToken cancellationToken);

    Task SuspendAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);

    /// <summary>One reset_key; never retried by the HTTP layer. Returns the new key.</summary>
    Task<string> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);
}

/// <summary>What one GET showed: the project (with its current key) and the plan to converge it.</summary>
public sealed record ProjectObservation(ProjectDetails Project, ProjectPlan Plan);
