using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Looks up resolved secret values (read by the reconciler from Secrets in the resource's namespace).</summary>
public static class SecretValueExtensions
{
    /// <summary>The value for <paramref name="selector"/>, or null when the spec sets no reference.</summary>
    /// <exception cref="MissingSecretValueException">The reference is set but its value was not resolved.</exception>
    public static string? Resolve(this IReadOnlyDictionary<SecretKeySelector, string> secrets, SecretKeySelector? selector)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (selector is null)
        {
            return null;
        }

        return secrets.TryGetValue(selector, out var value) ? value : throw new MissingSecretValueException(selector);
    }
}
