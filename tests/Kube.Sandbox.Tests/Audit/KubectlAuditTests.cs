using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using Kube.Sandbox.Audit;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Audit;

/// <summary>The audit log (file and in-process) as kube-apiserver writes it, driven by the real kubectl.</summary>
public sealed class KubectlAuditTests : IClassFixture<AuditFixture>
{
    // A safety net only: events are recorded right after the response is written.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly AuditFixture _fixture;

    public KubectlAuditTests(AuditFixture fixture) => _fixture = fixture;

    private KubeApiSandbox Sandbox => _fixture.Sandbox;

    [Fact]
    public async Task Writes_one_audit_k8s_io_v1_event_line_per_kubectl_request()
    {
        var ns = Names.Unique("audit");
        (await _fixture.Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=level=info")).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("patch", "configmap", "settings", "-n", ns, "--type=merge", "-p", """{"data":{"level":"debug"}}""")).EnsureSuccess();

        var patch = await WaitForEventAsync(e => e.Verb == "patch" && e.ObjectRef?.Namespace == ns);
        var line = await WaitForFileLineAsync(patch.AuditId);

        Assert.Equal("Event", (string?)line["kind"]);
        Assert.Equal("audit.k8s.io/v1", (string?)line["apiVersion"]);
        Assert.Equal("Metadata", (string?)line["level"]);
        Assert.Equal("ResponseComplete", (string?)line["stage"]);
        Assert.Equal("patch", (string?)line["verb"]);
        // The query string as sent: kubectl names its field manager there.
        Assert.Equal($"/api/v1/namespaces/{ns}/configmaps/settings?fieldManager=kubectl-patch", (string?)line["requestURI"]);
        Assert.Equal("admin", (string?)line["user"]?["username"]);
        Assert.Equal(["system:masters", "system:authenticated"], line["user"]!["groups"]!.AsArray().Select(g => (string?)g));
        Assert.StartsWith("kubectl/v1.32", (string?)line["userAgent"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", (string?)line["sourceIPs"]?[0]);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["resource"] = "configmaps", ["namespace"] = ns, ["name"] = "settings", ["apiVersion"] = "v1" },
            line["objectRef"]), line["objectRef"]?.ToJsonString());
        Assert.Equal(200, (int?)line["responseStatus"]?["code"]);
        var received = DateTimeOffset.ParseExact((string)line["requestReceivedTimestamp"]!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var completed = DateTimeOffset.ParseExact((string)line["stageTimestamp"]!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.True(received <= completed, $"{received:O} > {completed:O}");
        Assert.Equal("allow", (string?)line["annotations"]?["authorization.k8s.io/decision"]);

        // The in-process record is the same event.
        Assert.True(JsonNode.DeepEquals(line, patch.ToJson()), $"{line.ToJsonString()}\n{patch.ToJson().ToJsonString()}");

        var create = await WaitForEventAsync(e => e.Verb == "create" && e.ObjectRef is { Resource: "configmaps" } r && r.Namespace == ns);
        Assert.Equal(201, create.ResponseStatus.Code);
        var namespaceCreate = await WaitForEventAsync(e => e.Verb == "create" && e.ObjectRef?.Resource == "namespaces" && e.UserAgent.StartsWith("kubectl", StringComparison.Ordinal)
            && e.RequestReceivedTimestamp >= received.AddMinutes(-5));
        Assert.Equal(string.Empty, namespaceCreate.ObjectRef!.Namespace);
    }

    [Fact]
    public async Task Names_verbs_api_groups_and_subresources_as_rbac_does()
    {
        var ns = Names.Unique("verbs");
        await TestCrds.EnsureWidgetCrdAsync(_fixture.Client);
        (await _fixture.Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        var widget = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w1
            spec:
              size: 1
            """;
        (await _fixture.Kubectl.RunWithInputAsync(widget, "apply", "-n", ns, "-f", "-")).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("get", "widgets", "-n", ns)).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("get", "widget", "w1", "-n", ns)).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("patch", "widget", "w1", "-n", ns, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Ready"}}""")).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("delete", "widgets", "--all", "-n", ns)).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("delete", "configmaps", "-n", ns, "-l", "app=none", "--all=false")).EnsureSuccess();

        var events = await WaitForEventsAsync(
            all => all.Where(e => e.ObjectRef?.Namespace == ns && e.ObjectRef.Resource == "widgets").Select(e => e.Verb).Distinct().Count() >= 5,
            all => all.Where(e => e.ObjectRef?.Namespace == ns).ToList());
        var widgets = events.Where(e => e.ObjectRef!.Resource == "widgets").ToList();
        Assert.Contains(widgets, e => e.Verb == "list");
        Assert.Contains(widgets, e => e.Verb == "get" && e.ObjectRef!.Name == "w1");
        Assert.Contains(widgets, e => e.Verb == "create");
        Assert.Contains(widgets, e => e.Verb == "delete" && e.ObjectRef!.Name == "w1");
        var status = Assert.Single(widgets, e => e.Verb == "patch");
        Assert.Equal(new AuditObjectRef("widgets", ns, "w1", "example.com", "v1", "status"), status.ObjectRef);
        Assert.Equal("widgets/status", status.ObjectRef!.CombinedResource);
        Assert.Equal("example.com", (string?)status.ToJson()["objectRef"]?["apiGroup"]);
    }

    [Fact]
    public async Task Records_deletecollection_and_a_watch_when_it_starts_and_when_it_ends()
    {
        var ns = Names.Unique("watch");
        (await _fixture.Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        (await _fixture.Kubectl.RunAsync("create", "configmap", "c1", "-n", ns)).EnsureSuccess();
        // kubectl get -w: a list, then a watch from its resourceVersion; --request-timeout ends the watch.
        await _fixture.Kubectl.RunAsync("get", "configmaps", "-n", ns, "-w", "--request-timeout=3s");
        using var deleteAll = await _fixture.Client.CoreV1.DeleteCollectionNamespacedConfigMapWithHttpMessagesAsync(ns);

        var watch = await WaitForEventAsync(e => e.Verb == "watch" && e.ObjectRef?.Namespace == ns && e.Stage == AuditEvent.StageResponseComplete);
        var started = Assert.Single(Sandbox.Audit.Events(), e => e.AuditId == watch.AuditId && e.Stage == AuditEvent.StageResponseStarted);
        Assert.Equal(200, started.ResponseStatus.Code);
        Assert.Contains("watch=true", watch.RequestUri, StringComparison.Ordinal);
        Assert.True(started.StageTimestamp <= watch.StageTimestamp);
        var collection = await WaitForEventAsync(e => e.Verb == "deletecollection" && e.ObjectRef?.Namespace == ns);
        Assert.Equal(string.Empty, collection.ObjectRef!.Name);
    }

    [Fact]
    public async Task Records_refused_and_unauthenticated_requests_with_their_status()
    {
        var ns = Names.Unique("denied");
        (await _fixture.Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        var user = $"system:serviceaccount:{ns}:reader";
        var asReader = new Infrastructure.Kubectl(Sandbox.WriteKubeconfig(Path.Combine(_fixture.Directory, $"{ns}.kubeconfig"), user), Path.Combine(_fixture.Directory, ns));
        Assert.Equal(1, (await asReader.RunAsync("get", "secrets", "-n", ns)).ExitCode);
        Assert.Equal(1, (await asReader.RunAsync("get", "secrets", "-n", ns, "--token", "not-a-token")).ExitCode);

        var refused = await WaitForEventAsync(e => e.User.Username == user && e.ObjectRef?.Namespace == ns);
        Assert.Equal("list", refused.Verb);
        Assert.Equal(["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"], refused.User.Groups);
        Assert.Equal(403, refused.ResponseStatus.Code);
        Assert.Equal("forbid", refused.Decision);
        var json = refused.ToJson();
        Assert.Equal("Failure", (string?)json["responseStatus"]?["status"]);
        Assert.Equal("Forbidden", (string?)json["responseStatus"]?["reason"]);
        Assert.Equal($"secrets is forbidden: User \"{user}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", (string?)json["responseStatus"]?["message"]);

        var unauthenticated = await WaitForEventAsync(e => e.ResponseStatus.Code == 401 && e.ObjectRef?.Namespace == ns);
        Assert.Equal(string.Empty, unauthenticated.User.Username);
        Assert.Null(unauthenticated.Decision);
    }

    [Fact]
    public async Task Records_the_impersonated_user_beside_the_authenticated_one()
    {
        var ns = Names.Unique("as");
        (await _fixture.Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        await _fixture.Kubectl.RunAsync("get", "configmaps", "-n", ns, "--as=alice", "--as-group=dev");

        var impersonated = await WaitForEventAsync(e => e.ImpersonatedUser?.Username == "alice" && e.ObjectRef?.Namespace == ns);
        Assert.Equal("admin", impersonated.User.Username);
        Assert.Equal("alice", impersonated.EffectiveUser.Username);
        Assert.Contains("dev", impersonated.ImpersonatedUser!.Groups);
        Assert.Equal(403, impersonated.ResponseStatus.Code);
    }

    [Fact]
    public async Task Enforces_and_records_the_finalizers_check_of_an_owner_reference_that_blocks_deletion()
    {
        var ns = Names.Unique("owner");
        var user = $"system:serviceaccount:{ns}:writer";
        (await _fixture.Kubectl.RunWithInputAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{ns}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: owner
              namespace: {{ns}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: writer
              namespace: {{ns}}
            rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["create"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: writer
              namespace: {{ns}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: writer}
            subjects: [{kind: ServiceAccount, name: writer, namespace: {{ns}}}]
            """, "apply", "-f", "-")).EnsureSuccess();
        var owner = await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        var asWriter = new Infrastructure.Kubectl(Sandbox.WriteKubeconfig(Path.Combine(_fixture.Directory, $"{ns}.kubeconfig"), user), Path.Combine(_fixture.Directory, ns));
        string Owned(string name) => $$$"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}",
             "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"{{{owner.Metadata.Uid}}}","controller":true,"blockOwnerDeletion":true}]}}
            """;

        var refused = await asWriter.RunWithInputAsync(Owned("first"), "create", "-f", "-");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("configmaps \"first\" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on", refused.StdErr, StringComparison.Ordinal);

        (await _fixture.Kubectl.RunWithInputAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: writer
              namespace: {{ns}}
            rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["create"]
            - apiGroups: [""]
              resources: ["configmaps/finalizers"]
              verbs: ["update"]
            """, "apply", "-f", "-")).EnsureSuccess();
        (await asWriter.RunWithInputAsync(Owned("second"), "create", "-f", "-")).EnsureSuccess();

        var events = await WaitForEventsAsync(
            all => all.Count(e => e.User.Username == user && e.Verb == "create" && e.ObjectRef?.Resource == "configmaps") == 2,
            all => all.Where(e => e.User.Username == user && e.Verb == "create").ToList());
        var forbidden = Assert.Single(events, e => e.ResponseStatus.Code == 403);
        Assert.Equal("allow", forbidden.Decision);
        Assert.Equal($"forbid update configmaps/finalizers {ns}/owner", Assert.Single(forbidden.AdmissionAuthorizations).ToString());
        var created = Assert.Single(events, e => e.ResponseStatus.Code == 201);
        var check = Assert.Single(created.AdmissionAuthorizations);
        Assert.True(check.Allowed);
        Assert.Equal(("update", "configmaps", "finalizers", ns, "owner"), (check.Attributes.Verb, check.Attributes.Resource, check.Attributes.Subresource, check.Attributes.Namespace, check.Attributes.Name));
        Assert.Equal($"allow update configmaps/finalizers {ns}/owner", (string?)created.ToJson()["annotations"]?[AuditEvent.AdmissionAuthorizationAnnotation]);
    }

    private async Task<AuditEvent> WaitForEventAsync(Func<AuditEvent, bool> match)
    {
        var found = await WaitForEventsAsync(all => all.Any(match), all => all.Where(match).ToList());
        return found[0];
    }

    private async Task<IReadOnlyList<AuditEvent>> WaitForEventsAsync(Func<IReadOnlyList<AuditEvent>, bool> condition, Func<IReadOnlyList<AuditEvent>, IReadOnlyList<AuditEvent>> select)
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            await Sandbox.Audit.WaitUntilAsync(condition, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The audit log never showed the expected events; last ones:\n{string.Join('\n', Sandbox.Audit.Events().TakeLast(20).Select(e => e.ToJson().ToJsonString()))}");
        }

        return select(Sandbox.Audit.Events());
    }

    private async Task<JsonObject> WaitForFileLineAsync(string auditId)
    {
        // Written before the in-process record is visible (same lock), so one read suffices.
        var lines = await File.ReadAllLinesAsync(_fixture.AuditLogPath);
        Assert.All(lines, l => Assert.NotNull(JsonNode.Parse(l)));
        return Assert.Single(lines.Select(l => JsonNode.Parse(l)!.AsObject()), l => (string?)l["auditID"] == auditId && (string?)l["stage"] == AuditEvent.StageResponseComplete);
    }
}
