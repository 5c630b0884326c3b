using System.Text;
using Controller.Runtime;
using Controller.Runtime.Cache;
using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Hosting;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Resolves a resource's credentials and secret references from the Secret cache. Only Secrets of the resource's
/// own namespace can be read: the references carry a name, never a namespace.
/// </summary>
public sealed class InputResolver(IReadOnlyCache<V1Secret> secrets, Func<ApiCredentials?> defaultCredentials, Uri cpaasBaseUrl)
{
    public ResolvedInputs Resolve(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = resource.Metadata.NamespaceProperty;
        var account = ResolveAccount(resource, ns, out var usesDefault);
        var values = new Dictionary<SecretKeySelector, string>();
        foreach (var reference in Mapping.SecretReferences.Collect(resource.Spec))
        {
            if (values.ContainsKey(reference.Selector))
            {
                continue;
            }

            var secret = secrets.Get(new ObjectKey(ns, reference.Selector.Name))
                ?? throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid,
                    $"{reference.Field}: Secret {ns}/{reference.Selector.Name} not found in the resource's namespace");
            values[reference.Selector] = ReadKey(secret, reference.Selector.Key)
                ?? throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid,
                    $"{reference.Field}: Secret {ns}/{reference.Selector.Name} has no key '{reference.Selector.Key}'");
        }

        return new ResolvedInputs(account, usesDefault, values);
    }

    /// <summary>Only the account: deletion must not depend on the other secret references.</summary>
    public CpaasAccount ResolveAccount(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ResolveAccount(resource, resource.Metadata.NamespaceProperty, out _);
    }

    private CpaasAccount ResolveAccount(CpaasProject resource, string ns, out bool usesDefault)
    {
        var reference = resource.Spec.CredentialsSecretRef;
        if (reference is null)
        {
            usesDefault = true;
            var defaults = defaultCredentials()
                ?? throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                    "No spec.credentialsSecretRef and the operator has no default CPaaS credentials (mounted api_id/api_key or CPAAS_API_ID/CPAAS_API_KEY)");
            return new CpaasAccount(defaults.ApiId, defaults.ApiKey, cpaasBaseUrl);
        }

        usesDefault = false;
        var secret = secrets.Get(new ObjectKey(ns, reference.Name))
            ?? throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"spec.credentialsSecretRef: Secret {ns}/{reference.Name} not found in the resource's namespace");
        var apiId = ReadKey(secret, WellKnownNames.CredentialKeys.ApiId);
        var apiKey = ReadKey(secret, WellKnownNames.CredentialKeys.ApiKey);
        if (string.IsNullOrWhiteSpace(apiId) || string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"spec.credentialsSecretRef: Secret {ns}/{reference.Name} must have non-empty keys {WellKnownNames.CredentialKeys.ApiId} and {WellKnownNames.CredentialKeys.ApiKey}");
        }

        if (apiId.Contains(':', StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"spec.credentialsSecretRef: Secret {ns}/{reference.Name} key {WellKnownNames.CredentialKeys.ApiId} must not contain ':'");
        }

        return new CpaasAccount(apiId.Trim(), apiKey.Trim(), cpaasBaseUrl);
    }

    private static string? ReadKey(V1Secret secret, string key)
    {
        if (secret.Data is not null && secret.Data.TryGetValue(key, out var bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return secret.StringData is not null && secret.StringData.TryGetValue(key, out var text) ? text : null;
    }
}
