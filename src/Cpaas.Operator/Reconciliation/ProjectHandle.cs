using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The project a resource manages, once it is known to exist.</summary>
/// <param name="Resource">The reconcile's copy of the resource after the writes that made it so.</param>
/// <param name="AppId">The project's app id (in status.appId).</param>
/// <param name="IsNew">Added by this reconcile: nothing is configured yet, and GET has nothing to tell.</param>
/// <param name="AppKey">The key from the add response, for a new project.</param>
public sealed record ProjectHandle(CpaasProject Resource, string AppId, bool IsNew, string? AppKey)
{
    public override string ToString() => $"ProjectHandle {{ AppId = {AppId}, IsNew = {IsNew}, AppKey = *** }}";
}
