using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>How long after deletion began a transient CPaaS failure of the Suspend is still retried (then deletion completes anyway).</summary>
public sealed class DeletionRetryWindow(TimeSpan window, TimeProvider time)
{
    public bool IsOpen(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.DeletionTimestamp is { } since &&
               time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)) < window;
    }
}
