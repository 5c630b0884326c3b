using System.Text;
using System.Text.RegularExpressions;
using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Operator.Tests.Support;
using Cpaas.Sandbox.Api;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>Trace-level logs, drift checks every two seconds: as much output as the operator can produce.</summary>
public sealed class TraceLoggingOperatorFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromSeconds(2);

    public override TimeSpan Patience => TimeSpan.FromSeconds(45);

    protected override string LogLevel => "Trace";
}

/// <summary>
/// docs/reference.md (security model) and docs/RECONCILE.md contract 5: no secret value in logs, events, conditions or status. A full scenario (the samples with
/// their Secrets, a team account, rotation, a changed password, drift, a key changed out of band, rejected
/// credentials, a bad reference, a rejected category, deletion) runs while every log record and every version of
/// every resource and event is kept; none may contain an app_key, api_key or password, raw or base64.
/// </summary>
public sealed partial class NoSecretLeakTests(TraceLoggingOperatorFixture fixture) : IClassFixture<TraceLoggingOperatorFixture>
{
    private static readonly string[] SampleNames = ["video-demo", "voice-demo", "sms-demo", "embed-demo", "full-demo"];

    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    [Fact]
    public async Task A_full_scenario_writes_no_app_key_api_key_or_password_to_logs_events_conditions_or_status()
    {
        var ns = await fixture.CreateNamespaceAsync("leak");
        await using var recorder = await NamespaceRecorder.StartAsync(fixture.Admin, ns);
        Keep("default api_key", fixture.Cpaas.CustomerAccount.ApiKey);
        Keep("admin api_key", fixture.Cpaas.AdminAccount.ApiKey);

        // The samples with the sandbox's values (config/sandbox-samples), a distinctive value for every placeholder of their Secrets.
        var samples = await Kustomize.BuildAsync(RepositoryPaths.Combine("config", "sandbox-samples"));
        await fixture.ApplyAsync(ns, Placeholder().Replace(samples, m => Keep("sample " + m.Value, "leak" + Guid.NewGuid().ToString("N")[..20])));

        // A resource on its own account.
        var teamKey = Keep("team api_key", "leakteam" + Guid.NewGuid().ToString("N"));
        fixture.Cpaas.AddAccount("team-leak", teamKey, isAdmin: false, customerId: fixture.Cpaas.CustomerAccount.CustomerId);
        await fixture.CreateSecretAsync(ns, "team-account", new Dictionary<string, string> { ["api_id"] = "team-leak", ["api_key"] = teamKey });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: team-project
            spec:
              categoryId: other
              credentialsSecretRef:
                name: team-account
              voice:
                in: true
                out: false
            """);

        foreach (var name in SampleNames.Append("team-project"))
        {
            await fixture.WaitForReadyAsync(ns, name);
        }

        KeepStoredKeys();
        var apps = new Dictionary<string, string>();
        foreach (var name in SampleNames)
        {
            apps[name] = (await fixture.GetProjectAsync(ns, name))!.Status!.AppId!;
        }

        // Rotation.
        var fullKey = fixture.Cpaas.Store.Find(apps["full-demo"])!.AppKey;
        await fixture.PatchProjectAsync(ns, "full-demo", """{"spec":{"apiKeyRotation":{"requestedAt":"2026-02-01T00:00:00Z"}}}""");
        await fixture.WaitForSecretAsync(ns, "full-demo-connection", s => OperatorFixture.SecretValue(s, WellKnownNames.ConnectionSecretKeys.AppKey) is { } k && k != fullKey, "the rotated key");
        KeepStoredKeys();

        // A password changed in its Secret is applied again (write-only input).
        var sequence = fixture.Cpaas.Journal.Entries().Last().Sequence;
        var newSipPassword = Keep("changed sip password", "leaksip" + Guid.NewGuid().ToString("N"));
        await fixture.Admin.CoreV1.PatchNamespacedSecretAsync(
            new k8s.Models.V1Patch(new System.Text.Json.Nodes.JsonObject { ["stringData"] = new System.Text.Json.Nodes.JsonObject { ["sip-password"] = newSipPassword } }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch), "video-demo-credentials", ns);
        await fixture.WaitForJournalAsync(e => e.Any(x => x.Sequence > sequence && x.AppId == apps["video-demo"] && x.Operation == SandboxOperation.PatchVideo), "the new SIP password applied");

        // Drift and a key changed out of band (waits on the outcome in the CPaaS store and the Secret, not on how
        // the operator labels it: that is DriftTests' business).
        fixture.Cpaas.Store.Mutate(apps["video-demo"], p => p.Video["notification_url"] = "https://drift.example.com");
        var outOfBandKey = Keep("out-of-band app_key", "leakoob" + Guid.NewGuid().ToString("N")[..20]);
        fixture.Cpaas.Store.Mutate(apps["voice-demo"], p => p.AppKey = outOfBandKey);
        await fixture.WaitForJournalAsync(
            _ => fixture.Cpaas.Store.Find(apps["video-demo"])!.Video["notification_url"]!.GetValue<string>() == "https://hooks.example.com/cpaas/video",
            "the drifted notification_url reverted");
        await fixture.WaitForSecretAsync(ns, "voice-demo-cpaas", s => OperatorFixture.SecretValue(s, WellKnownNames.ConnectionSecretKeys.AppKey) == outOfBandKey, "the out-of-band key in the Secret");

        // Failures.
        var wrongKey = Keep("rejected api_key", "leakwrong" + Guid.NewGuid().ToString("N"));
        await fixture.CreateSecretAsync(ns, "wrong-account", new Dictionary<string, string> { ["api_id"] = fixture.Cpaas.CustomerAccount.ApiId, ["api_key"] = wrongKey });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: wrong-credentials
            spec:
              categoryId: other
              credentialsSecretRef:
                name: wrong-account
              video: {}
            """);
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: missing-key
            spec:
              categoryId: other
              video:
                sip:
                  serverUrl: sip.example.com
                  username: missing
                  passwordSecretRef:
                    name: video-demo-credentials
                    key: no-such-key
            """);
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: bad-category
            spec:
              categoryId: no-such-category
              sms:
                incoming: true
            """);
        await fixture.WaitForConditionAsync(ns, "wrong-credentials", WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.CredentialsRejected);
        await fixture.WaitForConditionAsync(ns, "missing-key", WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.SecretRefInvalid);
        await fixture.WaitForConditionAsync(ns, "bad-category", WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.CategoryInvalid);

        // Deletion with Suspend.
        await fixture.DeleteProjectAsync(ns, "full-demo");
        await fixture.WaitForProjectAsync(ns, "full-demo", p => p is null, "full-demo deleted");
        KeepStoredKeys();
        await recorder.WaitUntilAsync(r => r.ProjectVersions.Any(v => v.StartsWith("Deleted", StringComparison.Ordinal) && v.Contains("\"full-demo\"", StringComparison.Ordinal)), fixture.Patience);

        // The scenario really happened (so the scan below cannot pass on empty output). Events are written
        // asynchronously: wait until the recorder has seen each expected one.
        string[] reasons = ["ProjectCreated", "ProjectUpdated", "KeyRotated", "CredentialsRejected", "SecretRefInvalid", "CategoryInvalid", "ProjectSuspended"];
        string[] Missing(NamespaceRecorder r) => [.. reasons.Where(reason => !r.EventVersions.Any(v => v.Contains($"\"reason\":\"{reason}\"", StringComparison.Ordinal)))];
        try
        {
            await recorder.WaitUntilAsync(r => Missing(r).Length == 0, fixture.Patience);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"events never recorded: {string.Join(", ", Missing(recorder))}");
        }

        var sources = fixture.Logs.Records.Select((r, i) => ($"log record {i} ({r.Category})", r.FullText))
            .Concat(recorder.ProjectVersions.Select((v, i) => ($"CpaasProject version {i}", v)))
            .Concat(recorder.EventVersions.Select((v, i) => ($"event version {i}", v)))
            .ToList();
        Assert.True(fixture.Logs.Records.Count > 100, $"only {fixture.Logs.Records.Count} log records");

        var leaks = new List<string>();
        foreach (var (what, value) in _secrets)
        {
            var forms = new[] { value, Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };
            foreach (var (source, text) in sources)
            {
                if (forms.Any(f => text.Contains(f, StringComparison.Ordinal)))
                {
                    leaks.Add($"{what} in {source}: {Excerpt(text, forms)}");
                }
            }
        }

        Assert.True(leaks.Count == 0, $"{leaks.Count} secret values found:\n{string.Join('\n', leaks.Take(20))}");
    }

    private string Keep(string what, string value)
    {
        _secrets[what + " #" + _secrets.Count] = value;
        return value;
    }

    private void KeepStoredKeys()
    {
        foreach (var project in fixture.Cpaas.Store.All())
        {
            if (!_secrets.ContainsValue(project.AppKey))
            {
                Keep($"app_key of {project.AppName}", project.AppKey);
            }
        }
    }

    private static string Excerpt(string text, string[] forms)
    {
        var at = forms.Select(f => text.IndexOf(f, StringComparison.Ordinal)).Where(i => i >= 0).Min();
        var start = Math.Max(0, at - 120);
        return text.Substring(start, Math.Min(text.Length - start, 240));
    }

    [GeneratedRegex("REPLACE(_WITH_[A-Z0-9_]+)?")]
    private static partial Regex Placeholder();
}
