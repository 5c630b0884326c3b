using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

/// <summary>Protocol details checked over raw HTTP, where the typed client hides them.</summary>
public sealed class RawProtocolTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;

    public RawProtocolTests(SandboxFixture fixture) => _fixture = fixture;

    private Kubernetes Client => _fixture.Client;

    private HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, new Uri(_fixture.Sandbox.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Config.AccessToken);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    private async Task<List<JsonElement>> ReadEventsAsync(string path, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var request = Request(HttpMethod.Get, path);
        using var response = await Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JsonElement>();
        while (events.Count < count && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            events.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return events;
    }

    [Fact]
    public async Task Watch_of_a_named_object_sees_only_that_object()
    {
        var ns = await Client.CreateNamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "watched" } }, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "watched", ns);

        var events = await ReadEventsAsync($"/api/v1/namespaces/{ns}/configmaps/watched?watch=true&resourceVersion={first.Metadata.ResourceVersion}", 1);

        Assert.Equal("MODIFIED", events[0].GetProperty("type").GetString());
        Assert.Equal("watched", events[0].GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Streaming_list_ends_initial_events_with_an_annotated_bookmark()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, ns);

        var events = await ReadEventsAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan", 2);

        Assert.Equal("ADDED", events[0].GetProperty("type").GetString());
        Assert.Equal("BOOKMARK", events[1].GetProperty("type").GetString());
        Assert.Equal("true", events[1].GetProperty("object").GetProperty("metadata").GetProperty("annotations").GetProperty("k8s.io/initial-events-end").GetString());
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_415_like_kube_apiserver()
    {
        await TestCrds.EnsureWidgetCrdAsync(Client);
        var ns = await Client.CreateNamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(TestCrds.Widget("w", 1), TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural);

        using var request = Request(HttpMethod.Patch, $"/apis/example.com/v1/namespaces/{ns}/widgets/w", """{"spec":{"size":2}}""", "application/strategic-merge-patch+json");
        using var response = await Client.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("UnsupportedMediaType", status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Unknown_fields_produce_a_warning_header_by_default_and_are_pruned()
    {
        await TestCrds.EnsureWidgetCrdAsync(Client);
        var ns = await Client.CreateNamespaceAsync();
        using var request = Request(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/widgets", """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1,"junk":true}}""");
        using var response = await Client.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("299 - \"unknown field \\\"spec.junk\\\"\"", Assert.Single(response.Headers.GetValues("Warning")));
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(created.GetProperty("spec").TryGetProperty("junk", out _));
    }

    [Fact]
    public async Task Dry_run_create_validates_without_storing()
    {
        var ns = await Client.CreateNamespaceAsync();
        using var request = Request(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?dryRun=All", """{"metadata":{"name":"dry"}}""");
        using var response = await Client.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
    }

    [Fact]
    public async Task Dry_run_patch_answers_the_result_without_changing_the_stored_object()
    {
        var ns = await Client.CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);

        var preview = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "c", ns, dryRun: "All");

        Assert.Equal("2", preview.Data["a"]);
        Assert.Equal(created.Metadata.ResourceVersion, preview.Metadata.ResourceVersion);
        var stored = await Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns);
        Assert.Equal(("1", created.Metadata.ResourceVersion), (stored.Data["a"], stored.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Non_string_configmap_values_are_a_BadRequest_like_typed_decoding()
    {
        var ns = await Client.CreateNamespaceAsync();
        using var request = Request(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c"},"data":{"enabled":true}}""");
        using var response = await Client.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Injected_conflict_on_status_update_is_a_409_Status()
    {
        await TestCrds.EnsureWidgetCrdAsync(Client);
        var ns = await Client.CreateNamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(TestCrds.Widget("w", 1), TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural);
        _fixture.Sandbox.Faults.Inject("patch", "widgets/status", 409);

        using var first = Request(HttpMethod.Patch, $"/apis/example.com/v1/namespaces/{ns}/widgets/w/status", """{"status":{"phase":"x"}}""", "application/merge-patch+json");
        using var conflicted = await Client.HttpClient.SendAsync(first);
        Assert.Equal(HttpStatusCode.Conflict, conflicted.StatusCode);

        using var second = Request(HttpMethod.Patch, $"/apis/example.com/v1/namespaces/{ns}/widgets/w/status", """{"status":{"phase":"x"}}""", "application/merge-patch+json");
        using var accepted = await Client.HttpClient.SendAsync(second);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
