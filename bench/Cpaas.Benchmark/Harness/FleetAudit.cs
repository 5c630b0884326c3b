using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness;

/// <summary>What an audit of a fleet found: one line per problem (empty: all good), and a few counts.</summary>
public sealed record AuditResult(IReadOnlyList<string> Problems, int Resources, int Projects, int ResetKeysMax)
{
    public bool Clean => Problems.Count == 0;

    public override string ToString() =>
        Clean
            ? $"audit clean: {Resources} resources, {Projects} projects"
            : $"audit found {Problems.Count} problem(s) over {Resources} resources and {Projects} projects:\n  " + string.Join("\n  ", Problems.Take(50));
}

/// <summary>
/// Checks the invariants the crash and fault tests protect, against the CPaaS sandbox's own store (not the
/// operator's view): every resource has exactly one project (by its unique appName) and its status points at it;
/// no project exists that no resource claims; every connection Secret holds the project's id and current key; the
/// last requested key rotation is recorded as handled.
/// </summary>
public static class FleetAudit
{
    public static async Task<AuditResult> RunAsync(TestBed bed, IReadOnlyList<FleetMember> members, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bed);
        ArgumentNullException.ThrowIfNull(members);
        var problems = new List<string>();
        var projects = bed.Cpaas.Store.All();
        var byName = projects.GroupBy(p => p.AppName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var resource = await bed.Admin.GetAsync(ProjectTemplate.Path(member.Namespace, member.Name), ct);
            if (resource is null)
            {
                problems.Add($"{member}: resource is gone");
                continue;
            }

            var spec = resource["spec"]?.AsObject() ?? [];
            var status = resource["status"] as JsonObject;
            var appName = spec["appName"]?.GetValue<string>() ?? member.Name;
            var matches = byName.GetValueOrDefault(appName) ?? [];
            var appId = status?["appId"]?.GetValue<string>();
            if (appId is not null)
            {
                claimed.Add(appId);
            }

            if (matches.Count != 1)
            {
                problems.Add($"{member}: {matches.Count} projects named {appName} ({string.Join(", ", matches.Select(p => p.AppId))})");
                continue;
            }

            var project = matches[0];
            if (appId != project.AppId)
            {
                problems.Add($"{member}: status.appId {appId ?? "(none)"} but the project named {appName} is {project.AppId}");
            }

            var requested = spec["apiKeyRotation"]?["requestedAt"]?.GetValue<string>();
            var handled = status?["lastRotationToken"]?.GetValue<string>();
            if (requested is not null && requested != handled)
            {
                problems.Add($"{member}: rotation {requested} requested, status.lastRotationToken is {handled ?? "(none)"}");
            }

            var secretName = spec["connectionSecret"]?["name"]?.GetValue<string>() ?? ProjectTemplate.ConnectionSecretName(member.Name);
            var secret = await bed.Admin.GetAsync(ManifestPaths.Secret(member.Namespace, secretName), ct);
            var secretAppId = Decode(secret, "app_id");
            var secretKey = Decode(secret, "app_key");
            if (secret is null)
            {
                problems.Add($"{member}: connection Secret {secretName} is missing");
            }
            else if (secretAppId != project.AppId || secretKey != project.AppKey)
            {
                problems.Add($"{member}: connection Secret {secretName} holds {(secretAppId == project.AppId ? "the right app_id" : $"app_id {secretAppId}")} " +
                             $"and {(secretKey == project.AppKey ? "the current key" : "a key that is not the project's current key")}");
            }
        }

        foreach (var orphan in projects.Where(p => !claimed.Contains(p.AppId)))
        {
            problems.Add($"orphan project {orphan.AppId} named {orphan.AppName}: no resource claims it");
        }

        var resets = bed.Cpaas.Journal.Entries()
            .Where(e => e.Operation == Cpaas.Sandbox.Api.SandboxOperation.ResetKey && e.AppId is not null && (e.Status == 200 || e.Fault == "lost_after_commit"))
            .GroupBy(e => e.AppId!)
            .Select(g => g.Count())
            .DefaultIfEmpty(0)
            .Max();
        return new AuditResult(problems, members.Count, projects.Count, resets);
    }

    private static string? Decode(JsonObject? secret, string key) =>
        secret?["data"]?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
}
