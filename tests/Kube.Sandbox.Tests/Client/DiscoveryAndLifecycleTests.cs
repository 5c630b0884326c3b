using System.Net.Http.Headers;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

public sealed class DiscoveryAndLifecycleTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;

    public DiscoveryAndLifecycleTests(SandboxFixture fixture) => _fixture = fixture;

    private Kubernetes Client => _fixture.Client;

    private static V1CustomResourceDefinition Crd(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"gadgets.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "gadgets", Singular = "gadget", Kind = "Gadget" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1", Served = true, Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };

    private async Task<JsonElement> GetJsonAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Sandbox.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Config.AccessToken);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await Client.HttpClient.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Discovery_and_openapi_follow_crds_as_they_are_created_and_deleted()
    {
        var group = $"{Names.Unique("g")}.example.org";
        var created = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group));

        var groups = await GetJsonAsync("/apis");
        Assert.Contains(groups.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == group);
        var resources = await GetJsonAsync($"/apis/{group}/v1");
        Assert.Equal("gadgets", resources.GetProperty("resources")[0].GetProperty("name").GetString());
        var openapi = await GetJsonAsync("/openapi/v3");
        Assert.True(openapi.GetProperty("paths").TryGetProperty($"apis/{group}/v1", out _));

        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(created.Metadata.Name);
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var ns = await Client.CreateNamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new { apiVersion = $"{group}/v1", kind = "Gadget", metadata = new { name = "g1" } }, group, "v1", ns, "gadgets");
        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(created.Metadata.Name);

        var after = await GetJsonAsync("/apis");
        Assert.DoesNotContain(after.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == group);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", ns, "gadgets"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Table_format_renders_printer_columns_for_kubectl()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, ns);

        var table = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal("Table", table.GetProperty("kind").GetString());
        Assert.Equal(["Name", "Type", "Data", "Age"], table.GetProperty("columnDefinitions").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var cells = table.GetProperty("rows")[0].GetProperty("cells");
        Assert.Equal("s", cells[0].GetString());
        Assert.Equal("Opaque", cells[1].GetString());
        Assert.Equal(2, cells[2].GetInt32());
        Assert.Equal("PartialObjectMetadata", table.GetProperty("rows")[0].GetProperty("object").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_contents_then_the_namespace()
    {
        var ns = await Client.CreateNamespaceAsync();
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "inside" } }, ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var (type, n) in Client.CoreV1.WatchListNamespaceAsync(fieldSelector: $"metadata.name={ns}", resourceVersion: secret.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                break;
            }
        }

        Assert.False(cts.IsCancellationRequested, "namespace was not deleted");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedSecretAsync("inside", ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Default_namespaces_exist_and_are_protected()
    {
        var names = (await Client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();
        Assert.Contains("default", names);
        Assert.Contains("kube-system", names);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.DeleteNamespaceAsync("default"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.Response.StatusCode);
    }

    [Fact]
    public async Task Self_subject_access_review_answers_for_the_caller()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] }],
        }, ns);
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "readers", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
        var path = _fixture.Sandbox.WriteKubeconfig(Path.Combine(_fixture.Directory, "reader.kubeconfig"), "carol", ["readers"]);
        using var carol = SandboxFixture.ClientFor(path);

        async Task<bool> Can(string verb, string resource) =>
            (await carol.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = verb, Resource = resource } },
            })).Status.Allowed;

        Assert.True(await Can("get", "configmaps"));
        Assert.False(await Can("list", "configmaps"));
        Assert.False(await Can("get", "secrets"));
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => carol.CoreV1.ListNamespacedConfigMapAsync(ns));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.Response.StatusCode);
        var status = JsonDocument.Parse(denied.Response.Content).RootElement;
        Assert.Equal($"configmaps is forbidden: User \"carol\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"", status.GetProperty("message").GetString());
    }
}
