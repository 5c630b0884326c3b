using System.Text;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The project's credentials as application pods read them from the connection Secret.</summary>
public sealed record ConnectionDetails(string AppId, string AppKey, string? HostMeetingUrl)
{
    public override string ToString() => $"ConnectionDetails {{ AppId = {AppId}, AppKey = ***, HostMeetingUrl = {(HostMeetingUrl is null ? "null" : "***")} }}";
}

/// <summary>Builds the connection Secret and decides whether an existing one is current (pure).</summary>
public static partial class ConnectionSecret
{
    /// <param name="owner">The CpaasProject.</param>
    /// <param name="details">What the Secret holds.</param>
    /// <param name="keyVersion">The key-version annotation's value (<see cref="KeyVersionAfter"/>).</param>
    public static V1Secret Build(CpaasProject owner, ConnectionDetails details, long keyVersion = 1)
    {
        var data = new Dictionary<string, byte[]>
        {
            [WellKnownNames.ConnectionSecretKeys.AppId] = Encoding.UTF8.GetBytes(details.AppId),
            [WellKnownNames.ConnectionSecretKeys.AppKey] = Encoding.UTF8.GetBytes(details.AppKey),
        };
        if (details.HostMeetingUrl is not null)
        {
            data[WellKnownNames.ConnectionSecretKeys.HostMeetingUrl] = Encoding.UTF8.GetBytes(details.HostMeetingUrl);
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = owner.EffectiveConnectionSecretName(),
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>
                {
                    [WellKnownNames.Labels.ManagedBy] = WellKnownNames.Labels.ManagedByValue,
                    ["app.kubernetes.io/instance"] = owner.Metadata.Name,
                },
                Annotations = new Dictionary<string, string>
                {
                    [WellKnownNames.Annotations.KeyVersion] = keyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = WellKnownNames.ApiVersion,
                        Kind = WellKnownNames.Kind,
                        Name = owner.Metadata.Name,
                        Uid = owner.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Data = data,
        };
    }

    /// <summary>
    /// The key version the Secret carries once it holds <paramref name="appKey"/>: 1 for a new Secret, the existing
    /// version while the key is the same, one more when the key changes (an existing Secret without the annotation
    /// counts as version 1). A Secret deleted and created again starts at 1.
    /// </summary>
    public static long KeyVersionAfter(V1Secret? existing, string appKey)
    {
        ArgumentNullException.ThrowIfNull(appKey);
        if (existing is null)
        {
            return 1;
        }

        var version = KeyVersionOf(existing) ?? 1;
        return ReadAppKey(existing) == appKey ? version : version + 1;
    }

    /// <summary>The key-version annotation's value, or null when absent or not a positive number.</summary>
    public static long? KeyVersionOf(V1Secret? secret) =>
        secret?.Metadata?.Annotations is { } annotations &&
        annotations.TryGetValue(WellKnownNames.Annotations.KeyVersion, out var text) &&
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : null;

    /// <summary>The app_key the Secret holds, if any.</summary>
    public static string? ReadAppKey(V1Secret? secret) =>
        secret?.Data is { } data && data.TryGetValue(WellKnownNames.ConnectionSecretKeys.AppKey, out var value) && value.Length > 0
            ? Encoding.UTF8.GetString(value)
            : null;

    /// <summary>
    /// True when <paramref name="existing"/> holds exactly the desired keys and values, label, key-version annotation
    /// and controller reference.
    /// </summary>
    public static bool IsCurrent(V1Secret? existing, V1Secret desired)
    {
        if (existing is null)
        {
            return false;
        }

        var existingData = existing.Data ?? new Dictionary<string, byte[]>();
        if (existingData.Count != desired.Data.Count ||
            desired.Data.Any(kv => !existingData.TryGetValue(kv.Key, out var value) || !value.AsSpan().SequenceEqual(kv.Value)))
        {
            return false;
        }

        if (!IsLabelledOurs(existing) || KeyVersionOf(existing) != KeyVersionOf(desired))
        {
            return false;
        }

        var desiredOwner = desired.Metadata.OwnerReferences[0];
        return existing.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == desiredOwner.Uid) == true;
    }

    /// <summary>
    /// Why the operator must not write the Secret <paramref name="existing"/> for <paramref name="owner"/>, or null
    /// when it may: it is this resource's (controller owner reference), or an orphan the operator wrote before
    /// (its managed-by label, no controller). Anything else belongs to someone: replacing its data would lose it.
    /// </summary>
    public static string? WhyNotOurs(V1Secret? existing, CpaasProject owner)
    {
        if (existing is null)
        {
            return null;
        }

        var controller = existing.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (controller is not null)
        {
            return controller.Uid == owner.Metadata.Uid ? null : $"is controlled by {controller.Kind} {controller.Name}";
        }

        return IsLabelledOurs(existing) ? null : "already exists and was not written by cpaas-operator";
    }

    /// <summary>
    /// Whether <paramref name="secret"/> looks like the current connection Secret of a converged resource without
    /// knowing the key (after a restart): the app id of status, some app key, the host URL exactly when the spec has
    /// embed, and this resource as controller.
    /// </summary>
    public static bool LooksCurrent(V1Secret? secret, CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var appId = resource.Status?.AppId;
        var data = secret?.Data;
        return appId is not null &&
               data is not null &&
               data.TryGetValue(WellKnownNames.ConnectionSecretKeys.AppId, out var id) && Encoding.UTF8.GetString(id) == appId &&
               data.TryGetValue(WellKnownNames.ConnectionSecretKeys.AppKey, out var appKey) && appKey.Length > 0 &&
               data.ContainsKey(WellKnownNames.ConnectionSecretKeys.HostMeetingUrl) == (resource.Spec.Embed is not null) &&
               secret!.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == resource.Metadata.Uid) == true;
    }

    /// <summary>The embed host URL the Secret holds, if any.</summary>
    public static string? ReadHostMeetingUrl(V1Secret? secret) =>
        secret?.Data is { } data && data.TryGetValue(WellKnownNames.ConnectionSecretKeys.HostMeetingUrl, out var value) && value.Length > 0
            ? Encoding.UTF8.GetString(value)
            : null;

    /// <summary>Carries the operator's managed-by label.</summary>
    private static bool IsLabelledOurs(V1Secret secret) =>
        secret.Metadata?.Labels is { } labels &&
        labels.TryGetValue(WellKnownNames.Labels.ManagedBy, out var managedBy) &&
        managedBy == WellKnownNames.Labels.ManagedByValue;

    /// <summary>Why <paramref name="name"/> cannot name a Secret (DNS-1123 subdomain), or null when it can.</summary>
    public static string? InvalidName(string name) =>
        name.Length > 253 ? $"is {name.Length} characters long; a Secret name has at most 253"
        : !SecretName().IsMatch(name)
            ? "is not a valid Secret name (lowercase letters, digits, '-' and '.')"
            : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex SecretName();
}
