using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The account to call the CPaaS API with and the values of every secret reference of the spec.</summary>
public sealed record ResolvedInputs(
    CpaasAccount Account,
    bool UsesDefaultCredentials,
    IReadOnlyDictionary<SecretKeySelector, string> SecretValues)
{
    /// <summary>Every secret value this reconcile knows (for scrubbing messages), the account key included.</summary>
    public IEnumerable<string> AllSecretValues() => SecretValues.Values.Append(Account.ApiKey);

    public override string ToString() => $"ResolvedInputs {{ Account = {Account}, Secrets = {SecretValues.Count} (values hidden) }}";
}

/// <summary>The Secrets (namespace/name) a resource reads: the credentials Secret and every secret reference.</summary>
public static class ReferencedSecrets
{
    public static IEnumerable<ObjectKey> Of(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = resource.Metadata.NamespaceProperty;
        var names = Mapping.SecretReferences.Collect(resource.Spec).Select(r => r.Selector.Name);
        if (resource.Spec.CredentialsSecretRef?.Name is { Length: > 0 } credentials)
        {
            names = names.Append(credentials);
        }

        return names.Distinct(StringComparer.Ordinal).Select(name => new ObjectKey(ns, name));
    }
}
