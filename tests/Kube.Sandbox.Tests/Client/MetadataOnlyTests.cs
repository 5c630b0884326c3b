using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

/// <summary>
/// Metadata-only reads (Accept <c>as=PartialObjectMetadata[List]</c>), Accept fallbacks and 406s, and label
/// selectors on list and watch, over raw HTTP as client-go's metadata client and controller-runtime send them.
/// </summary>
public sealed class MetadataOnlyTests : IClassFixture<SandboxFixture>
{
    private const string MetadataList = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
    private const string Metadata = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    private readonly SandboxFixture _fixture;

    public MetadataOnlyTests(SandboxFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Resources => ["secrets", "configmaps", "widgets"];

    private Kubernetes Client => _fixture.Client;

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_metadata_list_holds_every_item_reduced_to_its_metadata(string resource)
    {
        var ns = await NamespaceWithAsync(resource, ("one", """{"app":"a"}"""), ("two", "{}"));

        var (status, list) = await GetAsync(CollectionPath(resource, ns), MetadataList);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PartialObjectMetadataList", (string?)list["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)list["apiVersion"]);
        Assert.False(string.IsNullOrEmpty((string?)list["metadata"]?["resourceVersion"]));
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["one", "two"], items.Select(i => (string?)i["metadata"]?["name"]).Order());
        Assert.All(items, item =>
        {
            Assert.Equal("PartialObjectMetadata", (string?)item["kind"]);
            Assert.Equal("meta.k8s.io/v1", (string?)item["apiVersion"]);
            Assert.Equal(["apiVersion", "kind", "metadata"], item.Select(p => p.Key).Order());
            Assert.False(string.IsNullOrEmpty((string?)item["metadata"]?["uid"]));
            Assert.False(string.IsNullOrEmpty((string?)item["metadata"]?["resourceVersion"]));
        });
        Assert.Equal("a", (string?)items.Single(i => (string?)i["metadata"]?["name"] == "one")["metadata"]?["labels"]?["app"]);
    }

    [Fact]
    public async Task A_metadata_get_answers_the_metadata_of_one_object_without_its_data()
    {
        var ns = await NamespaceWithAsync("secrets", ("creds", """{"app":"a"}"""));

        var (status, partial) = await GetAsync($"{CollectionPath("secrets", ns)}/creds", Metadata);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PartialObjectMetadata", (string?)partial["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)partial["apiVersion"]);
        Assert.Null(partial["data"]);
        Assert.Null(partial["type"]);
        Assert.Equal("creds", (string?)partial["metadata"]?["name"]);
        Assert.Equal(ns, (string?)partial["metadata"]?["namespace"]);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_metadata_watch_sends_events_and_bookmarks_as_PartialObjectMetadata(string resource)
    {
        var ns = await NamespaceWithAsync(resource, ("before", "{}"));
        var (_, list) = await GetAsync(CollectionPath(resource, ns), MetadataList);
        var from = (string)list["metadata"]!["resourceVersion"]!;
        using var watch = await OpenWatchAsync($"{CollectionPath(resource, ns)}?watch=true&allowWatchBookmarks=true&resourceVersion={from}", Metadata);

        await CreateAsync(resource, ns, "after", """{"app":"b"}""");
        await DeleteAsync(resource, ns, "before");
        var events = await watch.ReadAsync(e => (string?)e["type"] != "BOOKMARK", 2);
        var bookmark = (await watch.ReadAsync(e => (string?)e["type"] == "BOOKMARK", 1))[0];

        Assert.Equal(["ADDED", "DELETED"], events.Select(e => (string?)e["type"]));
        Assert.Equal(["after", "before"], events.Select(e => (string?)e["object"]?["metadata"]?["name"]));
        Assert.All(events.Append(bookmark), e =>
        {
            Assert.Equal("PartialObjectMetadata", (string?)e["object"]?["kind"]);
            Assert.Equal("meta.k8s.io/v1", (string?)e["object"]?["apiVersion"]);
            Assert.Equal(["apiVersion", "kind", "metadata"], e["object"]!.AsObject().Select(p => p.Key).Order());
        });
        Assert.False(string.IsNullOrEmpty((string?)bookmark["object"]?["metadata"]?["resourceVersion"]));
    }

    [Theory]
    [InlineData(MetadataList + ",application/json", "PartialObjectMetadataList")]
    [InlineData("application/json;as=Bogus;g=meta.k8s.io;v=v1,application/json", "SecretList")]
    [InlineData("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v2,application/json", "SecretList")]
    [InlineData("application/json;as=PartialObjectMetadataList;g=example.com;v=v1, application/json", "SecretList")]
    [InlineData("application/json;q=0.5, " + MetadataList, "PartialObjectMetadataList")]
    [InlineData("application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", "PartialObjectMetadataList")]
    [InlineData("text/html, */*", "SecretList")]
    [InlineData("application/json;as=Table;g=meta.k8s.io;v=v1", "Table")]
    [InlineData("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1", "PartialObjectMetadataList")]
    public async Task Accept_lists_are_tried_in_order_of_preference_and_fall_back(string accept, string kind)
    {
        var ns = await NamespaceWithAsync("secrets", ("one", "{}"));

        var (status, body) = await GetAsync(CollectionPath("secrets", ns), accept);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(kind, (string?)body["kind"]);
        if (accept.EndsWith("v=v1beta1", StringComparison.Ordinal))
        {
            Assert.Equal("meta.k8s.io/v1beta1", (string?)body["apiVersion"]);
            Assert.Equal("meta.k8s.io/v1beta1", (string?)body["items"]?[0]?["apiVersion"]);
        }
    }

    [Theory]
    [InlineData("", "application/json;as=Bogus;g=meta.k8s.io;v=v1", "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf")]
    [InlineData("", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v2", "only the following media types are accepted")]
    [InlineData("", "application/json;as=PartialObjectMetadataList", "only the following media types are accepted")]
    [InlineData("", "text/html", "only the following media types are accepted")]
    [InlineData("", "application/vnd.kubernetes.protobuf;as=Table;g=meta.k8s.io;v=v1", "only the following media types are accepted")]
    [InlineData("", Metadata, "you requested PartialObjectMetadata, but the requested object is a list (*core.SecretList)")]
    [InlineData("/one", MetadataList, "you requested PartialObjectMetadataList, but the requested object is not a list (*core.Secret)")]
    public async Task Unservable_forms_are_refused_with_406_NotAcceptable(string suffix, string accept, string message)
    {
        var ns = await NamespaceWithAsync("secrets", ("one", "{}"));

        var (status, body) = await GetAsync(CollectionPath("secrets", ns) + suffix, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("NotAcceptable", (string?)body["reason"]);
        Assert.Equal(406, (int?)body["code"]);
        Assert.StartsWith(message, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_resources_are_not_served_as_protobuf_but_their_metadata_is()
    {
        var ns = await NamespaceWithAsync("widgets", ("w", "{}"));

        var (plain, _) = await GetAsync(CollectionPath("widgets", ns), "application/vnd.kubernetes.protobuf");
        var (partial, body) = await GetAsync(CollectionPath("widgets", ns), "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");

        Assert.Equal(HttpStatusCode.NotAcceptable, plain);
        Assert.Equal(HttpStatusCode.OK, partial);
        Assert.Equal("PartialObjectMetadataList", (string?)body["kind"]);
    }

    public static TheoryData<string, string, string[]> Selectors()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var resource in new[] { "secrets", "configmaps", "widgets" })
        {
            data.Add(resource, "app=a", ["s1"]);
            data.Add(resource, "app==a", ["s1"]);
            data.Add(resource, "app!=a", ["s2", "s3", "s4"]);
            data.Add(resource, "app in (a,b)", ["s1", "s2"]);
            data.Add(resource, "tier in(x,y)", ["s1", "s4"]);
            data.Add(resource, "app notin (a)", ["s2", "s3", "s4"]);
            data.Add(resource, "app", ["s1", "s2", "s4"]);
            data.Add(resource, "!app", ["s3"]);
            data.Add(resource, "app=a,tier in (x)", ["s1"]);
            data.Add(resource, "app in (a,c), tier notin (x)", ["s4"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Selectors))]
    public async Task Label_selectors_filter_full_and_metadata_lists_alike(string resource, string selector, string[] expected)
    {
        var ns = await LabelledNamespaceAsync(resource);
        var path = $"{CollectionPath(resource, ns)}?labelSelector={Uri.EscapeDataString(selector)}";

        var (fullStatus, full) = await GetAsync(path, "application/json");
        var (partialStatus, partial) = await GetAsync(path, MetadataList);

        Assert.Equal(HttpStatusCode.OK, fullStatus);
        Assert.Equal(HttpStatusCode.OK, partialStatus);
        Assert.Equal(expected, Names(full));
        Assert.Equal(expected, Names(partial));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_metadata_watch_with_a_set_based_selector_reports_objects_entering_and_leaving_it(string resource)
    {
        var ns = await LabelledNamespaceAsync(resource);
        var (_, list) = await GetAsync($"{CollectionPath(resource, ns)}?labelSelector={Uri.EscapeDataString("app in (a,b)")}", MetadataList);
        var from = (string)list["metadata"]!["resourceVersion"]!;
        using var watch = await OpenWatchAsync($"{CollectionPath(resource, ns)}?watch=true&allowWatchBookmarks=true&resourceVersion={from}&labelSelector={Uri.EscapeDataString("app in (a,b)")}", Metadata);

        await CreateAsync(resource, ns, "s5", """{"app":"z"}""");
        await CreateAsync(resource, ns, "s6", """{"app":"b"}""");
        await PatchLabelsAsync(resource, ns, "s2", """{"app":"z"}""");
        await PatchLabelsAsync(resource, ns, "s5", """{"app":"a"}""");
        var events = await watch.ReadAsync(e => (string?)e["type"] != "BOOKMARK", 3);

        Assert.Equal(["ADDED s6", "DELETED s2", "ADDED s5"], events.Select(e => $"{e["type"]} {e["object"]?["metadata"]?["name"]}"));
        Assert.All(events, e => Assert.Equal("PartialObjectMetadata", (string?)e["object"]?["kind"]));
    }

    private static string[] Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).Order(StringComparer.Ordinal)];

    private static string CollectionPath(string resource, string ns) => resource == "widgets"
        ? $"/apis/{TestCrds.Group}/{TestCrds.Version}/namespaces/{ns}/widgets"
        : $"/api/v1/namespaces/{ns}/{resource}";

    private static string Body(string resource, string name, string labels) => resource switch
    {
        "secrets" => $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"data":{"key":"c2VjcmV0"}}""",
        "configmaps" => $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"data":{"key":"value"}}""",
        _ => $$$"""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"spec":{"size":1}}""",
    };

    private async Task<string> LabelledNamespaceAsync(string resource) => await NamespaceWithAsync(
        resource,
        ("s1", """{"app":"a","tier":"x"}"""),
        ("s2", """{"app":"b"}"""),
        ("s3", "{}"),
        ("s4", """{"app":"c","tier":"y"}"""));

    private async Task<string> NamespaceWithAsync(string resource, params (string Name, string Labels)[] objects)
    {
        if (resource == "widgets")
        {
            await TestCrds.EnsureWidgetCrdAsync(Client);
        }

        var ns = await Client.CreateNamespaceAsync();
        foreach (var (name, labels) in objects)
        {
            await CreateAsync(resource, ns, name, labels);
        }

        return ns;
    }

    private async Task CreateAsync(string resource, string ns, string name, string labels)
    {
        using var request = Request(HttpMethod.Post, CollectionPath(resource, ns), "application/json");
        request.Content = new StringContent(Body(resource, name, labels), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await Client.HttpClient.SendAsync(request, KubeTestExtensions.Deadline());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task PatchLabelsAsync(string resource, string ns, string name, string labels)
    {
        using var request = Request(HttpMethod.Patch, $"{CollectionPath(resource, ns)}/{name}", "application/json");
        request.Content = new StringContent($$$"""{"metadata":{"labels":{{{labels}}}}}""", Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");
        using var response = await Client.HttpClient.SendAsync(request, KubeTestExtensions.Deadline());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task DeleteAsync(string resource, string ns, string name)
    {
        using var request = Request(HttpMethod.Delete, $"{CollectionPath(resource, ns)}/{name}", "application/json");
        using var response = await Client.HttpClient.SendAsync(request, KubeTestExtensions.Deadline());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path, string accept)
    {
        using var request = Request(HttpMethod.Get, path, accept);
        using var response = await Client.HttpClient.SendAsync(request, KubeTestExtensions.Deadline());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, body);
    }

    private async Task<WatchReader> OpenWatchAsync(string path, string accept)
    {
        var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var request = Request(HttpMethod.Get, path, accept);
        var response = await Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new WatchReader(request, response, new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token)), cts);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string accept)
    {
        var request = new HttpRequestMessage(method, new Uri(_fixture.Sandbox.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Config.AccessToken);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private sealed class WatchReader(HttpRequestMessage request, HttpResponseMessage response, StreamReader reader, CancellationTokenSource cts) : IDisposable
    {
        public async Task<List<JsonObject>> ReadAsync(Func<JsonObject, bool> wanted, int count)
        {
            var events = new List<JsonObject>();
            while (events.Count < count && await reader.ReadLineAsync(cts.Token) is { } line)
            {
                var e = JsonNode.Parse(line)!.AsObject();
                if (wanted(e))
                {
                    events.Add(e);
                }
            }

            Assert.Equal(count, events.Count);
            return events;
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
            request.Dispose();
            cts.Dispose();
        }
    }
}
