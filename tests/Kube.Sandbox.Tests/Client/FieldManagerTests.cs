using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

/// <summary>
/// The fieldManager query parameter of writes, accepted and validated as kube-apiserver does (apimachinery's
/// ValidateFieldManager: at most 128 bytes, printable characters; required for apply patches), and recorded.
/// </summary>
public sealed class FieldManagerTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly string TooLong = new('m', 129);

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Create_update_and_patch_accept_a_field_manager_of_up_to_128_bytes_and_the_sandbox_records_it()
    {
        var ns = await Client.CreateNamespaceAsync();
        var manager = "m-" + Guid.NewGuid().ToString("N") + new string('x', 94); // 128 bytes

        using var created = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldManager={manager}", """{"metadata":{"name":"c"}}""");
        var resourceVersion = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var updated = await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/configmaps/c?fieldManager={manager}", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{resourceVersion}}}"},"data":{"a":"1"}}""");
        using var patched = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/c?fieldManager={manager}", """{"data":{"b":"2"}}""", "application/merge-patch+json");
        using var applied = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/d?fieldManager={manager}", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"}}""", "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var recorded = fixture.Sandbox.Requests.Snapshot().Keys.Where(k => k.FieldManager == manager).Select(k => k.Verb).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "create", "patch", "update" }, recorded.Distinct());
    }

    [Theory]
    [InlineData("POST", "", "CreateOptions")]
    [InlineData("PUT", "/c", "UpdateOptions")]
    [InlineData("PATCH", "/c", "PatchOptions")]
    public async Task A_field_manager_longer_than_128_bytes_is_rejected_with_422_and_nothing_is_written(string method, string path, string optionsKind)
    {
        var ns = await Client.CreateNamespaceAsync();
        using var original = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c"},"data":{"a":"0"}}""");

        using var response = await SendAsync(new HttpMethod(method), $"/api/v1/namespaces/{ns}/configmaps{path}?fieldManager={TooLong}", """{"metadata":{"name":"c"},"data":{"a":"1"}}""", "application/merge-patch+json");

        var status = await StatusAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"{optionsKind}.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes", status.GetProperty("message").GetString());
        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        var cause = Assert.Single(status.GetProperty("details").GetProperty("causes").EnumerateArray());
        Assert.Equal(("FieldValueTooLong", "fieldManager"), (cause.GetProperty("reason").GetString(), cause.GetProperty("field").GetString()));
        Assert.Equal("0", (await Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns)).Data["a"]);
    }

    [Theory]
    [InlineData("a%09b", "\"a\\tb\": invalid character U+0009 (at position 1)")]
    [InlineData("ab%0A", "\"ab\\n\": invalid character U+000A (at position 2)")]
    [InlineData("%C3%A9%C2%A0", "\"é\\u00a0\": invalid character U+00A0 (at position 2)")]
    [InlineData("x%01", "\"x\\x01\": invalid character U+0001 (at position 1)")]
    public async Task A_field_manager_with_a_non_printable_character_is_rejected_with_its_position_in_bytes(string escaped, string detail)
    {
        var ns = await Client.CreateNamespaceAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldManager={escaped}", """{"metadata":{"name":"c"}}""");

        var status = await StatusAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Invalid value: {detail}", status.GetProperty("message").GetString());
        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
    }

    [Fact]
    public async Task A_review_s_create_validates_it_too()
    {
        using var response = await SendAsync(
            HttpMethod.Post, $"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews?fieldManager={TooLong}",
            """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes", (await StatusAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_apply_patch_without_a_field_manager_is_rejected()
    {
        var ns = await Client.CreateNamespaceAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/d", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"}}""", "application/apply-patch+yaml");

        var status = await StatusAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Reads_and_deletes_ignore_the_parameter_as_kube_apiserver_does()
    {
        var ns = await Client.CreateNamespaceAsync();
        using var created = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c"}}""");

        using var read = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/c?fieldManager={TooLong}");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/c?fieldManager={TooLong}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(fixture.Sandbox.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Config.AccessToken);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Client.HttpClient.SendAsync(request);
    }

    private static async Task<JsonElement> StatusAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
