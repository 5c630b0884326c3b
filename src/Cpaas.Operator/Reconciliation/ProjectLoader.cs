using Controller.Runtime;
using Controller.Runtime.Cache;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Step 1 of docs/RECONCILE.md: the resource as the API server holds it now. The informer cache keeps a summary of
/// each CpaasProject, without the spec's sections (docs/decisions/0063-project-cache-summary.md): it says whether
/// this process manages the resource (its namespaces, its shard) and is enough for the drift sweep and the fleet
/// metrics. A reconcile reads the whole object with one GET and keeps it only while it runs.
/// </summary>
public sealed class ProjectLoader(IReadOnlyCache<CpaasProjectSummary> summaries, IProjectClient client)
{
    /// <summary>Null when the resource is gone or not this process's to manage (not in its cache).</summary>
    public async Task<CpaasProject?> LoadAsync(ObjectKey key, CancellationToken cancellationToken) =>
        summaries.Get(key) is null ? null : await client.GetAsync(key, cancellationToken);
}
