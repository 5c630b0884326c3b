using Kube.Sandbox.Audit;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>One request (or admission check) of a user, in RBAC's terms, as the audit log recorded it.</summary>
internal sealed record RbacUse(string Verb, string ApiGroup, string Resource, string Namespace, string Name, bool Allowed, string RequestUri)
{
    public override string ToString() =>
        $"{Verb} {(ApiGroup.Length == 0 ? "core" : ApiGroup)}/{Resource} {(Namespace.Length == 0 ? "at cluster scope" : "in namespace " + Namespace)}{(Name.Length == 0 ? string.Empty : " name " + Name)} ({RequestUri})";
}

/// <summary>
/// Compares what a user did (from the Kubernetes sandbox's audit events) with what RBAC manifests grant it: the grants
/// never used, the uses refused, and the uses no manifest grants (allowed by something else).
/// </summary>
internal sealed class RbacUsage
{
    private RbacUsage(IReadOnlyList<RbacGrant> unused, IReadOnlyList<RbacUse> refused, IReadOnlyList<RbacUse> ungranted, IReadOnlyList<RbacUse> uses)
    {
        Unused = unused;
        Refused = refused;
        Ungranted = ungranted;
        Uses = uses;
    }

    public IReadOnlyList<RbacGrant> Unused { get; }

    public IReadOnlyList<RbacUse> Refused { get; }

    /// <summary>Allowed resource requests that no given grant covers.</summary>
    public IReadOnlyList<RbacUse> Ungranted { get; }

    public IReadOnlyList<RbacUse> Uses { get; }

    public bool IsExact => Unused.Count == 0 && Refused.Count == 0 && Ungranted.Count == 0;

    /// <summary>
    /// Resource requests and admission checks made as <paramref name="user"/>, at any stage: a watch that is still open
    /// has only its ResponseStarted event.
    /// </summary>
    public static IReadOnlyList<RbacUse> UsesOf(IEnumerable<AuditEvent> events, string user) =>
        events.Where(e => e.EffectiveUser.Username == user)
            .SelectMany(e => Requested(e).Concat(e.AdmissionAuthorizations.Select(a => new RbacUse(
                a.Attributes.Verb, a.Attributes.Group, a.Attributes.CombinedResource, a.Attributes.Namespace, a.Attributes.Name, a.Allowed,
                $"admission of {e.Verb} {e.RequestUri}"))))
            .ToList();

    public static RbacUsage Compare(IReadOnlyList<RbacGrant> grants, IReadOnlyList<RbacUse> uses)
    {
        var allowed = uses.Where(u => u.Allowed).ToList();
        var unused = grants.Where(g => !allowed.Any(u => g.Covers(u.Verb, u.ApiGroup, u.Resource, u.Namespace))).ToList();
        var ungranted = allowed.Where(u => !grants.Any(g => g.Covers(u.Verb, u.ApiGroup, u.Resource, u.Namespace))).ToList();
        return new RbacUsage(unused, [.. uses.Where(u => !u.Allowed)], ungranted, uses);
    }

    /// <summary>What differs, for a failure message; <paramref name="includeUnused"/> false for a journey that uses only part of the grants.</summary>
    public string Report(string manifests, bool includeUnused = true) =>
        string.Join('\n', new[]
        {
            includeUnused ? Section($"Granted by {manifests} but used by no journey (remove the verb, or add the journey that needs it):", Unused) : string.Empty,
            Section("Refused (403): the operator needs this and the role does not grant it (grant it, or stop the request):", Refused.Distinct()),
            Section($"Allowed, but granted by nothing in {manifests}:", Ungranted.Distinct()),
        }.Where(s => s.Length > 0));

    private static IEnumerable<RbacUse> Requested(AuditEvent e) =>
        e.ObjectRef is { } r && e.Decision is not null
            ? [new RbacUse(e.Verb, r.ApiGroup, r.CombinedResource, r.Namespace, r.Name, e.Decision == "allow", e.RequestUri)]
            : [];

    private static string Section<T>(string title, IEnumerable<T> items)
    {
        var lines = items.Select(i => "  - " + i).Distinct().ToList();
        return lines.Count == 0 ? string.Empty : title + "\n" + string.Join('\n', lines);
    }
}
