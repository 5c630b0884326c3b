using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;

namespace Cpaas.Sandbox.Tests.Support;

/// <summary>Plain HttpClient + JSON against the sandbox, exactly as the API documentation describes the wire (docs/cpaas-api.md).</summary>
internal sealed class WireClient : IDisposable
{
    private readonly HttpClient _http;

    public WireClient(Uri baseUrl, TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("sandbox-tests", "1.0"));
    }

    public Task<WireResponse> GetAsync(string path, SandboxAccount? account, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, path, account, null, ct);

    public Task<WireResponse> PostAsync(string path, SandboxAccount? account, string? json, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, path, account, json, ct);

    public Task<WireResponse> PatchAsync(string path, SandboxAccount? account, string json, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, path, account, json, ct);

    public async Task<WireResponse> SendAsync(HttpMethod method, string path, SandboxAccount? account, string? json, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (account is not null)
        {
            request.Headers.Authorization = account.BasicAuthentication();
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new WireResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public void Dispose() => _http.Dispose();
}
