using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Computes the desired project from a resource and its resolved secret values (no I/O).</summary>
public interface IDesiredProjectFactory
{
    DesiredProject Create(CpaasProject resource, IReadOnlyDictionary<SecretKeySelector, string> secretValues);
}
