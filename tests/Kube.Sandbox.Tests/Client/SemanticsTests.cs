using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

public sealed class SemanticsTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;

    public SemanticsTests(SandboxFixture fixture) => _fixture = fixture;

    private Kubernetes Client => _fixture.Client;

    private static V1ConfigMap ConfigMap(string name, string value = "v") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["k"] = value },
    };

    private static async Task<V1Status> StatusOf(Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(action);
        return JsonSerializer.Deserialize<V1Status>(e.Response.Content, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Fact]
    public async Task Update_with_stale_resourceVersion_returns_409_Conflict()
    {
        var ns = await Client.CreateNamespaceAsync();
        var original = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), ns);
        var fresh = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", ns);
        fresh.Data["k"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, "cm", ns);

        original.Data["k"] = "stale";
        var status = await StatusOf(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(original, "cm", ns));

        Assert.Equal(409, status.Code);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes to the latest version and try again", status.Message);
        Assert.Equal("first", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", ns)).Data["k"]);
    }

    [Fact]
    public async Task Create_sets_uid_creationTimestamp_generation_and_generateName_suffix()
    {
        var ns = await Client.CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);

        Assert.StartsWith("gen-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(9, created.Metadata.Name.Length);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
    }

    [Fact]
    public async Task Create_in_missing_namespace_is_NotFound_and_duplicate_is_AlreadyExists()
    {
        var missing = await StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), "no-such-namespace"));
        Assert.Equal((404, "NotFound", "namespaces \"no-such-namespace\" not found"), (missing.Code, missing.Reason, missing.Message));

        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), ns);
        var duplicate = await StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), ns));
        Assert.Equal((409, "AlreadyExists", "configmaps \"dup\" already exists"), (duplicate.Code, duplicate.Reason, duplicate.Message));
    }

    [Fact]
    public async Task Status_subresource_is_isolated_from_the_main_resource_and_generation_tracks_spec_only()
    {
        await TestCrds.EnsureWidgetCrdAsync(Client);
        var ns = await Client.CreateNamespaceAsync();
        var status = new Dictionary<string, object> { ["phase"] = "Ignored" };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(TestCrds.Widget("w", 1, status), TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural);

        JsonElement Get() => JsonSerializer.SerializeToElement(Client.CustomObjects.GetNamespacedCustomObject(TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, "w"));
        var created = Get();
        Assert.False(created.TryGetProperty("status", out _), "status is dropped on create");

        // The status endpoint changes status only, even when the body carries a spec change.
        var statusPatch = new V1Patch("""{"spec":{"size":9},"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(statusPatch, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, "w");
        var afterStatus = Get();
        Assert.Equal("Ready", afterStatus.GetProperty("status").GetProperty("phase").GetString());
        Assert.Equal(1, afterStatus.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal(1, afterStatus.GetProperty("metadata").GetProperty("generation").GetInt64());

        // The main endpoint ignores status, and a spec change bumps generation.
        var mainPatch = new V1Patch("""{"spec":{"size":2},"status":{"phase":"Overwritten"}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(mainPatch, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, "w");
        var afterMain = Get();
        Assert.Equal("Ready", afterMain.GetProperty("status").GetProperty("phase").GetString());
        Assert.Equal(2, afterMain.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal(2, afterMain.GetProperty("metadata").GetProperty("generation").GetInt64());

        // Metadata-only changes do not bump generation.
        var labelPatch = new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(labelPatch, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, "w");
        Assert.Equal(2, Get().GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Delete_with_finalizer_keeps_the_object_with_deletionTimestamp_until_the_finalizer_is_removed()
    {
        var ns = await Client.CreateNamespaceAsync();
        var cm = ConfigMap("held");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("held", ns);
        var terminating = await Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var addFinalizer = new V1Patch("""{"metadata":{"finalizers":["example.com/hold","example.com/new"]}}""", V1Patch.PatchType.MergePatch);
        var refused = await StatusOf(() => Client.CoreV1.PatchNamespacedConfigMapAsync(addFinalizer, "held", ns));
        Assert.Equal(422, refused.Code);

        var release = new V1Patch("""[{"op":"remove","path":"/metadata/finalizers"}]""", V1Patch.PatchType.JsonPatch);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(release, "held", ns);
        var gone = await StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns));
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task Delete_with_stale_precondition_is_a_Conflict()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("p"), ns);
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" } };
        var status = await StatusOf(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("p", ns, options));
        Assert.Equal(409, status.Code);
        Assert.StartsWith("Operation cannot be fulfilled on configmaps \"p\": Precondition failed: ResourceVersion in precondition: 1", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owned_secret_is_garbage_collected_when_its_owner_is_deleted_in_the_background()
    {
        var ns = await Client.CreateNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), ns);
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "owned",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            StringData = new Dictionary<string, string> { ["k"] = "v" },
        };
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(secret, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, new V1DeleteOptions { PropagationPolicy = "Background" });

        var (type, deleted) = await WatchAwaiter.NextSecretEventAsync(Client, ns, created.Metadata.ResourceVersion, (t, s) => t == WatchEventType.Deleted);
        Assert.Equal("owned", deleted.Metadata.Name);
    }

    [Fact]
    public async Task Foreground_deletion_removes_dependents_before_the_owner()
    {
        var ns = await Client.CreateNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), ns);
        var dependent = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "dependent",
                Finalizers = ["example.com/hold"],
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true }],
            },
        };
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(dependent, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, new V1DeleteOptions { PropagationPolicy = "Foreground" });
        var (_, terminatingDependent) = await WatchAwaiter.NextSecretEventAsync(Client, ns, created.Metadata.ResourceVersion, (t, s) => s.Metadata.DeletionTimestamp is not null);
        var waitingOwner = await Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.Contains("foregroundDeletion", waitingOwner.Metadata.Finalizers);
        Assert.NotNull(waitingOwner.Metadata.DeletionTimestamp);

        // Releasing the dependent lets the owner go.
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "dependent", ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var (type, cm) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: waitingOwner.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted && cm.Metadata.Name == "owner")
            {
                return;
            }
        }

        Assert.Fail("owner was not deleted after its dependent");
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_and_filters_by_label_and_field_selectors()
    {
        var ns = await CreateParityConfigMapsAsync();

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: token);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token) && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], names);

        var even = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "parity=even");
        Assert.Equal(["cm-0", "cm-2", "cm-4"], even.Items.Select(i => i.Metadata.Name));
        var notIn = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "parity notin (even)");
        Assert.Equal(["cm-1", "cm-3"], notIn.Items.Select(i => i.Metadata.Name));
        var byName = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.name=cm-3,metadata.namespace={ns}");
        Assert.Equal("cm-3", Assert.Single(byName.Items).Metadata.Name);
    }

    [Fact]
    public async Task A_page_counts_the_remaining_items_only_when_no_selector_filters_the_list()
    {
        var ns = await CreateParityConfigMapsAsync();

        var unfiltered = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2);
        Assert.Equal(3, unfiltered.Metadata.RemainingItemCount);
        Assert.False(string.IsNullOrEmpty(unfiltered.Metadata.ContinueProperty));

        // kube-apiserver leaves remainingItemCount out under a selector and sets continue while objects follow the
        // page, matching or not: the third even ConfigMap is the last object, so the second page is the last one.
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "parity=even", limit: 2, continueParameter: token);
            Assert.Null(page.Metadata.RemainingItemCount);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token) && pages < 10);

        Assert.Equal(["cm-0", "cm-2", "cm-4"], names);
        Assert.Equal(2, pages);

        // Two odd ConfigMaps fill the page while cm-4 still follows: continue is set and the next page is empty.
        var odd = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "parity=odd", limit: 2);
        Assert.Equal(["cm-1", "cm-3"], odd.Items.Select(i => i.Metadata.Name));
        var after = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "parity=odd", limit: 2, continueParameter: odd.Metadata.ContinueProperty);
        Assert.Empty(after.Items);
        Assert.True(string.IsNullOrEmpty(after.Metadata.ContinueProperty));
    }

    /// <summary>A new namespace with ConfigMaps cm-0 to cm-4, labelled parity=even or parity=odd.</summary>
    private async Task<string> CreateParityConfigMapsAsync()
    {
        var ns = await Client.CreateNamespaceAsync();
        foreach (var i in Enumerable.Range(0, 5))
        {
            var cm = ConfigMap($"cm-{i}");
            cm.Metadata.Labels = new Dictionary<string, string> { ["parity"] = i % 2 == 0 ? "even" : "odd" };
            await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        }

        return ns;
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var ns = await Client.CreateNamespaceAsync();
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1", Args = ["--x"] }, new V1Container { Name = "sidecar", Image = "side:1" }] },
                },
            },
        };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var patch = new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);
        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns);

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["app", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal("app:2", containers[0].Image);
        Assert.Equal(["--x"], containers[0].Args);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = _fixture.Sandbox.Url };
        var response = await http.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unauthorized", status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Request_counters_count_writes_by_user_verb_and_resource()
    {
        var ns = await Client.CreateNamespaceAsync();
        var before = _fixture.Sandbox.Requests.Count(verb: "create", resource: "configmaps", user: "admin");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("counted"), ns);
        Assert.Equal(before + 1, _fixture.Sandbox.Requests.Count(verb: "create", resource: "configmaps", user: "admin"));
    }

    [Fact]
    public async Task Injected_faults_answer_the_chosen_verb_and_resource_then_stop()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("f"), ns);
        _fixture.Sandbox.Faults.Inject("get", "configmaps", 500, count: 1);

        var failed = await StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("f", ns));
        Assert.Equal((500, "InternalError"), (failed.Code, failed.Reason));
        Assert.Equal("f", (await Client.CoreV1.ReadNamespacedConfigMapAsync("f", ns)).Metadata.Name);
    }

    [Fact]
    public async Task Events_are_served_in_core_v1_and_events_k8s_io_v1()
    {
        var ns = await Client.CreateNamespaceAsync();
        var now = DateTime.UtcNow;
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "p." },
            InvolvedObject = new V1ObjectReference { Kind = "CpaasProject", Name = "p", NamespaceProperty = ns },
            Reason = "Created", Message = "created", Type = "Normal", FirstTimestamp = now, LastTimestamp = now, Count = 1,
        }, ns);
        await Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "p." },
            Regarding = new V1ObjectReference { Kind = "CpaasProject", Name = "p", NamespaceProperty = ns },
            Reason = "Synced", Note = "synced", Type = "Normal", Action = "Reconcile", EventTime = now, ReportingController = "cpaas", ReportingInstance = "cpaas-1",
        }, ns);

        Assert.Equal("Created", Assert.Single((await Client.CoreV1.ListNamespacedEventAsync(ns)).Items).Reason);
        Assert.Equal("Synced", Assert.Single((await Client.EventsV1.ListNamespacedEventAsync(ns)).Items).Reason);
    }
}
