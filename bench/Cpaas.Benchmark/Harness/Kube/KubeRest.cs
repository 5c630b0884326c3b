using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Cpaas.Benchmark.Harness.Kube;

/// <summary>
/// A deliberately small Kubernetes REST client over JSON nodes, independent of the operator's runtime (a bug
/// there must not hide itself in the measurements): create, get, merge-patch, delete, paged list and watch.
/// Trusts exactly the CA of the kubeconfig.
/// </summary>
public sealed class KubeRest : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");
    private readonly HttpClient _http;

    public KubeRest(string kubeconfigPath)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        var authorities = config.SslCaCerts ?? throw new InvalidOperationException($"{kubeconfigPath} names no certificate authority");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 32,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsIssuedBy(certificate, authorities),
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(config.Host), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("cpaas-benchmark/1.0");
    }

    public async Task<JsonObject> CreateAsync(string collectionPath, JsonObject body, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, collectionPath, body, Json, ct) ?? throw new InvalidOperationException("empty create answer");

    /// <summary>Creates the object; an existing one of that name is left as it is.</summary>
    public async Task CreateIfAbsentAsync(JsonObject manifest, CancellationToken ct)
    {
        try
        {
            await CreateAsync(ManifestPaths.Collection(manifest), manifest, ct);
        }
        catch (KubeRequestException e) when (e.Status == HttpStatusCode.Conflict)
        {
            // Already there.
        }
    }

    public async Task<JsonObject?> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, null, ct);
        }
        catch (KubeRequestException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<JsonObject> MergePatchAsync(string path, JsonObject patch, CancellationToken ct) =>
        await SendAsync(HttpMethod.Patch, path, patch, MergePatch, ct) ?? throw new InvalidOperationException("empty patch answer");

    public async Task DeleteAsync(string path, CancellationToken ct)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, path, null, null, ct);
        }
        catch (KubeRequestException e) when (e.Status == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    /// <summary>All items of a collection (pages of 500) and the list's resourceVersion.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(string collectionPath, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        string? next = null;
        string resourceVersion;
        do
        {
            var query = next is null ? "?limit=500" : $"?limit=500&continue={Uri.EscapeDataString(next)}";
            var page = await SendAsync(HttpMethod.Get, collectionPath + query, null, null, ct) ?? throw new InvalidOperationException("empty list answer");
            items.AddRange(page["items"]?.AsArray().OfType<JsonObject>().Select(i => i.DeepClone().AsObject()) ?? []);
            resourceVersion = page["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
            next = page["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));

        return (items, resourceVersion);
    }

    /// <summary>Watch events from <paramref name="resourceVersion"/> until the server ends the stream or a 410 (thrown).</summary>
    public async IAsyncEnumerable<WatchLine> WatchAsync(string collectionPath, string resourceVersion, [EnumeratorCancellation] CancellationToken ct)
    {
        var path = $"{collectionPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new KubeRequestException(response.StatusCode, "WATCH", collectionPath, await response.Content.ReadAsStringAsync(ct));
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(ct);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                yield break; // The server (or an injected fault) dropped the stream.
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0 || JsonNode.Parse(line) is not JsonObject node)
            {
                continue;
            }

            var type = node["type"]?.GetValue<string>() ?? "";
            var obj = node["object"] as JsonObject ?? [];
            if (type == "ERROR")
            {
                var code = obj["code"]?.GetValue<int>() ?? 500;
                throw new KubeRequestException((HttpStatusCode)code, "WATCH", collectionPath, obj.ToJsonString());
            }

            yield return new WatchLine(type, obj);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, MediaTypeHeaderValue? contentType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new KubeRequestException(response.StatusCode, method.Method, path, text);
        }

        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsIssuedBy(X509Certificate? certificate, X509Certificate2Collection authorities)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
