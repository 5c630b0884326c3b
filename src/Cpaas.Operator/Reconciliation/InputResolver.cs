using System.Text;
using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Resolves a resource's credentials and secret references (docs/RECONCILE.md step 5) and computes the desired
/// project from them. Only Secrets of the resource's own namespace can be read: references carry a name, never a
/// namespace. Failures name the field and the Secret, never a value.
/// </summary>
/// <remarks>
/// The account is the trust boundary (docs/reference.md, "Security model"): spec.credentialsSecretRef, else the
/// namespace's Secret cpaas-credentials, else the operator's default account, only in the namespaces
/// <paramref name="mayUseDefaultAccount"/> allows (--default-account-namespaces). Adopting, observing or suspending a
/// project is an act of the account, so it follows the same rule.
/// </remarks>
/// <param name="secrets">The resource's namespace's Secrets, by reference.</param>
/// <param name="defaultCredentials">The operator's default account, if it has one now.</param>
/// <param name="mayUseDefaultAccount">Whether resources of a namespace may use the default account.</param>
/// <param name="cpaasBaseUrl">The CPaaS API.</param>
public sealed class InputResolver(IInputSecretSource secrets, Func<ApiCredentials?> defaultCredentials, Func<string, bool> mayUseDefaultAccount, Uri cpaasBaseUrl)
{
    public async Task<ResolvedInputs> ResolveAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = resource.Metadata.NamespaceProperty;
        var references = SecretReferences.Collect(resource.Spec);
        secrets.Track(ObjectKey.From(resource), ReferencedSecrets.Of(resource, references));
        var account = await ResolveAccountAsync(ns, resource.Spec.CredentialsSecretRef, cancellationToken);
        var values = new Dictionary<SecretKeySelector, string>();
        foreach (var reference in references)
        {
            if (values.ContainsKey(reference.Selector))
            {
                continue;
            }

            var secret = await secrets.GetAsync(new ObjectKey(ns, reference.Selector.Name), cancellationToken)
                ?? throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid,
                    $"{reference.Field}: Secret {ns}/{reference.Selector.Name} not found in the resource's namespace");
            values[reference.Selector] = ReadKey(secret, reference.Selector.Key)
                ?? throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid,
                    $"{reference.Field}: Secret {ns}/{reference.Selector.Name} has no key '{reference.Selector.Key}'");
        }

        DesiredProject desired;
        try
        {
            desired = DesiredProject.From(resource, values);
        }
        catch (MissingSecretValueException error)
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SecretRefInvalid, error.Message, innerException: error);
        }

        return new ResolvedInputs(account, values, desired);
    }

    /// <summary>Only the account: deletion must not depend on the other secret references.</summary>
    /// <param name="ns">The resource's namespace.</param>
    /// <param name="reference">Its spec.credentialsSecretRef.</param>
    public async Task<CpaasAccount> ResolveAccountAsync(string ns, SecretReference? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        V1Secret secret;
        string field;
        if (reference is not null)
        {
            field = "spec.credentialsSecretRef";
            secret = await secrets.GetAsync(new ObjectKey(ns, reference.Name), cancellationToken)
                ?? throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                    $"spec.credentialsSecretRef: Secret {ns}/{reference.Name} not found in the resource's namespace");
        }
        else if (await secrets.GetAsync(new ObjectKey(ns, WellKnownNames.NamespaceCredentialsSecret), cancellationToken) is { } namespaceSecret)
        {
            field = "The namespace's credentials Secret";
            secret = namespaceSecret;
        }
        else if (!mayUseDefaultAccount(ns))
        {
            throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"No spec.credentialsSecretRef and no Secret {ns}/{WellKnownNames.NamespaceCredentialsSecret}, and namespace {ns} may not use the operator's default account " +
                "(--default-account-namespaces); no CPaaS call is made");
        }
        else
        {
            var defaults = defaultCredentials()
                ?? throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                    $"No spec.credentialsSecretRef, no Secret {ns}/{WellKnownNames.NamespaceCredentialsSecret}, and the operator has no default CPaaS credentials (mounted api_id/api_key or CPAAS_API_ID/CPAAS_API_KEY)");
            return new CpaasAccount(defaults.ApiId, defaults.ApiKey, cpaasBaseUrl);
        }

        var name = secret.Metadata?.Name ?? reference?.Name ?? WellKnownNames.NamespaceCredentialsSecret;
        var apiId = ReadKey(secret, WellKnownNames.CredentialKeys.ApiId);
        var apiKey = ReadKey(secret, WellKnownNames.CredentialKeys.ApiKey);
        if (string.IsNullOrWhiteSpace(apiId) || string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"{field}: Secret {ns}/{name} must have non-empty keys {WellKnownNames.CredentialKeys.ApiId} and {WellKnownNames.CredentialKeys.ApiKey}");
        }

        if (apiId.Contains(':', StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsMissing,
                $"{field}: Secret {ns}/{name} key {WellKnownNames.CredentialKeys.ApiId} must not contain ':'");
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
