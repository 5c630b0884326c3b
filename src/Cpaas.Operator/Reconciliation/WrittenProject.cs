using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The reconcile's copy of a resource after one of its writes: a new object with the server's metadata (new
/// resourceVersion) and status, and the spec the reconcile decided on. Neither input is changed, so a later write
/// or a failure report never starts from an outdated version and nobody sees an object change under them.
/// </summary>
public static class WrittenProject
{
    public static CpaasProject From(CpaasProject decidedOn, CpaasProject written)
    {
        ArgumentNullException.ThrowIfNull(decidedOn);
        ArgumentNullException.ThrowIfNull(written);
        return new CpaasProject
        {
            ApiVersion = decidedOn.ApiVersion,
            Kind = decidedOn.Kind,
            Metadata = written.Metadata,
            Spec = decidedOn.Spec,
            Status = written.Status,
        };
    }
}
