using System.Text.Json.Nodes;

namespace Cpaas.Operator.Tests.ArgoCd;

public class ArgoCdHealthCheckTests
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "config", "argocd", "health.lua");

    private static JsonObject Resource(long generation, string? status, string? annotations = null, string? spec = null, string? metadataExtra = null)
    {
        var json = $$"""
        {
          "apiVersion": "cpaas.enablex.io/v1alpha1",
          "kind": "CpaasProject",
          "metadata": { "name": "support-desk", "namespace": "team-a", "generation": {{generation}}
                        {{(annotations is null ? "" : ", \"annotations\": " + annotations)}}
                        {{metadataExtra ?? ""}} },
          "spec": {{spec ?? "{ \"categoryId\": \"1\" }"}}
          {{(status is null ? "" : ", \"status\": " + status)}}
        }
        """;
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>Ready and Synced with one status and reason, plus the kstatus condition the operator writes with them (Reconciling or Stalled, True), if any.</summary>
    private static string Conditions(string readyStatus, string reason, string message, long generation, string? kstatusCondition = null)
    {
        var extra = kstatusCondition is null
            ? ""
            : $$""", { "type": "{{kstatusCondition}}", "status": "True", "reason": "{{reason}}", "message": "{{message}}", "observedGeneration": {{generation}}, "lastTransitionTime": "2026-11-27T10:00:00Z" }""";
        return $$"""
            { "appId": "6246efa1196ea481db234227", "observedGeneration": {{generation}},
              "conditions": [
                { "type": "Ready", "status": "{{readyStatus}}", "reason": "{{reason}}", "message": "{{message}}", "observedGeneration": {{generation}}, "lastTransitionTime": "2026-11-27T10:00:00Z" },
                { "type": "Synced", "status": "{{readyStatus}}", "reason": "{{reason}}", "message": "{{message}}", "observedGeneration": {{generation}}, "lastTransitionTime": "2026-11-27T10:00:00Z" }
                {{extra}}
              ] }
            """;
    }

    [Fact]
    public void Ready_at_current_generation_is_Healthy_with_the_app_id()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(3, Conditions("True", "Available", "Project in sync", 3)));
        Assert.Equal("Healthy", status);
        Assert.Contains("6246efa1196ea481db234227", message);
    }

    [Fact]
    public void Without_status_is_Progressing()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(1, null));
        Assert.Equal("Progressing", status);
        Assert.NotEmpty(message);
    }

    [Fact]
    public void Ready_for_an_older_generation_is_Progressing()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(4, Conditions("True", "Available", "Project in sync", 3)));
        Assert.Equal("Progressing", status);
        Assert.Contains("generation 4", message);
    }

    [Fact]
    public void Creating_is_Progressing_with_the_condition_message()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(1, Conditions("False", "Creating", "Creating the project", 1, "Reconciling")));
        Assert.Equal("Progressing", status);
        Assert.Equal("Creating: Creating the project", message);
    }

    [Theory]
    [InlineData("ApiUnavailable")]
    [InlineData("RateLimited")]
    public void Transient_failures_are_Progressing(string reason)
    {
        var (status, _) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("False", reason, "retrying", 2, "Reconciling")));
        Assert.Equal("Progressing", status);
    }

    [Theory]
    [InlineData("InvalidSpec")]
    [InlineData("CategoryInvalid")]
    [InlineData("SubdomainTaken")]
    [InlineData("CredentialsRejected")]
    [InlineData("ProjectNotFound")]
    [InlineData("AmbiguousProject")]
    [InlineData("AlreadyManaged")]
    [InlineData("SecretRefInvalid")]
    public void Terminal_reasons_are_Degraded_with_reason_and_message(string reason)
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("False", reason, "needs attention", 2, "Stalled")));
        Assert.Equal("Degraded", status);
        Assert.Equal($"{reason}: needs attention", message);
    }

    // Changed with the kstatus conditions: the operator now records observedGeneration with every failure, so a
    // status behind the generation means the new spec (maybe the fix) is not looked at yet: Progressing, as kstatus
    // (InProgress) and Flux say, rather than Degraded for a spec that may already be fixed.
    [Fact]
    public void Stalled_for_an_older_generation_is_Progressing_as_kstatus_says()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(5, Conditions("False", "AlreadyManaged", "claimed", 4, "Stalled")));
        Assert.Equal("Progressing", status);
        Assert.Contains("generation 5", message);
    }

    // Changed with the kstatus conditions: Degraded follows Stalled=True (the one place the operator says "needs a
    // person"), not a list of reasons kept here. A status an older operator wrote (no Stalled) is rewritten by the
    // first reconcile after the upgrade, which also retries terminal failures once.
    [Fact]
    public void A_terminal_reason_without_Stalled_is_not_Degraded()
    {
        var (status, _) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("False", "CategoryInvalid", "needs attention", 2)));
        Assert.Equal("Progressing", status);
    }

    [Fact]
    public void Stalled_is_Degraded_whatever_the_reason()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("False", "IdentityConflict", "two app ids", 2, "Stalled")));
        Assert.Equal("Degraded", status);
        Assert.Equal("IdentityConflict: two app ids", message);
    }

    [Fact]
    public void Ready_while_Reconciling_is_Progressing()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("True", "RotatingKey", "Resetting the app key", 2, "Reconciling")));
        Assert.Equal("Progressing", status);
        Assert.Equal("RotatingKey: Resetting the app key", message);
    }

    [Fact]
    public void Observed_project_that_drifted_is_Healthy()
    {
        var status = """
            { "appId": "6246efa1196ea481db234227", "observedGeneration": 2, "driftedFields": ["categoryId"],
              "conditions": [
                { "type": "Ready", "status": "True", "reason": "Available", "message": "exists", "observedGeneration": 2 },
                { "type": "Synced", "status": "False", "reason": "Drifted", "message": "differs in categoryId", "observedGeneration": 2 }
              ] }
            """;
        var (health, _) = LuaHealthCheck.Evaluate(Script, Resource(2, status, spec: """{ "categoryId": "1", "managementPolicy": "Observe" }"""));
        Assert.Equal("Healthy", health);
    }

    [Fact]
    public void Paused_annotation_is_Suspended()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("False", "Paused", "paused", 2), annotations: """{ "cpaas.enablex.io/paused": "true" }"""));
        Assert.Equal("Suspended", status);
        Assert.Contains("paused", message);
    }

    [Fact]
    public void Suspended_project_that_is_ready_is_Suspended()
    {
        var (status, _) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("True", "Available", "ok", 2), spec: """{ "categoryId": "1", "suspended": true }"""));
        Assert.Equal("Suspended", status);
    }

    [Fact]
    public void Resource_being_deleted_is_Progressing()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(2, Conditions("True", "Available", "ok", 2), metadataExtra: """, "deletionTimestamp": "2026-11-27T10:00:00Z" """));
        Assert.Equal("Progressing", status);
        Assert.Contains("finalizer", message);
    }

    [Fact]
    public void Ready_condition_missing_is_Progressing()
    {
        var (status, message) = LuaHealthCheck.Evaluate(Script, Resource(1, """{ "observedGeneration": 1, "conditions": [] }"""));
        Assert.Equal("Progressing", status);
        Assert.NotEmpty(message);
    }

    [Fact]
    public void ConfigMap_snippet_embeds_the_same_script()
    {
        var script = File.ReadAllText(Script).TrimEnd();
        var snippet = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "config", "argocd", "argocd-cm-patch.yaml"));
        var marker = "resource.customizations.health.cpaas.enablex.io_CpaasProject: |\n";
        var index = snippet.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, "argocd-cm-patch.yaml lacks the health customization key");
        var embedded = string.Join('\n', snippet[(index + marker.Length)..].Split('\n').Select(l => l.Length >= 4 ? l[4..] : l.TrimStart())).TrimEnd();
        Assert.Equal(script, embedded);
    }
}
