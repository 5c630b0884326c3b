using Controller.Runtime;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The Secrets (namespace/name) a resource reads: its credentials Secret (spec.credentialsSecretRef, else the
/// namespace's cpaas-credentials, watched even while absent so that creating it is noticed) and every secret reference.
/// </summary>
public static class ReferencedSecrets
{
    public static IEnumerable<ObjectKey> Of(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Of(resource, Mapping.SecretReferences.Collect(resource.Spec));
    }

    /// <summary>The same, from the secret references already collected from the resource's spec.</summary>
    public static IEnumerable<ObjectKey> Of(CpaasProject resource, IEnumerable<Mapping.SecretReferenceField> references)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(references);
        var ns = resource.Metadata.NamespaceProperty;
        var names = references.Select(r => r.Selector.Name);
        names = names.Append(resource.Spec.CredentialsSecretRef?.Name is { Length: > 0 } credentials ? credentials : WellKnownNames.NamespaceCredentialsSecret);

        return names.Distinct(StringComparer.Ordinal).Select(name => new ObjectKey(ns, name));
    }
}
