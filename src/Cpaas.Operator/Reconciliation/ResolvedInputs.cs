using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What one reconcile works from: the account to call the CPaaS API with, the values of every secret reference of
/// the spec, and the desired project computed from them.
/// </summary>
public sealed record ResolvedInputs(
    CpaasAccount Account,
    IReadOnlyDictionary<SecretKeySelector, string> SecretValues,
    DesiredProject Desired)
{
    /// <summary>Every secret value this reconcile knows (for scrubbing messages), the account key included.</summary>
    public IEnumerable<string> AllSecretValues() => SecretValues.Values.Append(Account.ApiKey);

    public override string ToString() => $"ResolvedInputs {{ Account = {Account}, Secrets = {SecretValues.Count} (values hidden), Desired = {Desired} }}";
}
