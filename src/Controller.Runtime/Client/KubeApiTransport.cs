using System.Net;
using System.Text;
using Controller.Runtime.Serialization;
using k8s;
using k8s.Authentication;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// Sends raw requests over a connection to the API server (a <see cref="KubeConnection"/>, or a KubernetesClient
/// <see cref="Kubernetes"/> instance): its HttpClient (TLS, client certificates) and its credentials (bearer
/// tokens, refreshed from the service account file). The typed clients
/// of the runtime use it so that any kind, built-in or custom, gets the same list/watch/CRUD with every query
/// parameter the API offers (limit/continue, resourceVersion, allowWatchBookmarks, timeoutSeconds). Bodies are
/// written and read with its <see cref="Json"/>: the types the caller registered, without reflection.
/// When the connection has a <see cref="KubeClientIdentity"/>, every create, update and patch (status, Events and
/// Leases included) carries its <c>fieldManager</c> query parameter unless the caller set one.
/// </summary>
public sealed class KubeApiTransport
{
    private readonly Uri _baseUri;
    private readonly HttpClient _http;
    private readonly ServiceClientCredentials? _credentials;
    private readonly string? _fieldManager;

    /// <param name="connection">The connection: base address, TLS and credentials.</param>
    /// <param name="json">How bodies are (de)serialized; default: the runtime's own types only (<see cref="KubeJson.Default"/>).</param>
    public KubeApiTransport(KubeConnection connection, KubeJson? json = null)
        : this(NotNull(connection).BaseUri, connection.HttpClient, connection.Credentials, connection.Identity?.FieldManager, json ?? KubeJson.Default)
    {
    }

    /// <summary>Over a KubernetesClient instance's connection (tests and tools that also use its typed calls).</summary>
    public KubeApiTransport(Kubernetes kubernetes, KubeJson? json = null)
        : this(NotNull(kubernetes).BaseUri, kubernetes.HttpClient, kubernetes.Credentials, null, json ?? KubeJson.Default)
    {
    }

    private KubeApiTransport(Uri baseUri, HttpClient http, ServiceClientCredentials? credentials, string? fieldManager, KubeJson json)
    {
        _baseUri = baseUri;
        _http = http;
        _credentials = credentials;
        _fieldManager = fieldManager;
        Json = json;
    }

    /// <summary>The JSON of request and response bodies.</summary>
    public KubeJson Json { get; }

    /// <summary>The same connection, with bodies read and written by <paramref name="json"/>.</summary>
    public KubeApiTransport With(KubeJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReferenceEquals(json, Json) ? this : new KubeApiTransport(_baseUri, _http, _credentials, _fieldManager, json);
    }

    /// <summary>Sends a request; returns the response when successful, throws <see cref="KubeApiException"/> otherwise.</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativePath,
        IReadOnlyList<KeyValuePair<string, string>>? query,
        HttpContent? content,
        CancellationToken cancellationToken) =>
        SendAsync(method, relativePath, query, content, "application/json", cancellationToken);

    /// <summary>
    /// Sends a request with an explicit Accept header (for example the metadata-only form
    /// <c>application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c>).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativePath,
        IReadOnlyList<KeyValuePair<string, string>>? query,
        HttpContent? content,
        string accept,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentException.ThrowIfNullOrEmpty(accept);
        using var request = new HttpRequestMessage(method, BuildUri(relativePath, WithFieldManager(method, query))) { Content = content };
        // Without validation: the parameters of the meta.k8s.io transforms (as=, g=, v=) are not quoted.
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (_credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        var response = await _http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ToException(response.StatusCode, body);
        }
    }

    internal static KubeApiException ToException(HttpStatusCode statusCode, string body)
    {
        V1Status? status = null;
        try
        {
            status = string.IsNullOrWhiteSpace(body) ? null : KubeJson.Default.Deserialize<V1Status>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status body (a proxy's HTML, say): fall back to the HTTP status alone.
        }

        return status is { Kind: "Status" }
            ? new KubeApiException(statusCode, status.Reason, $"Kubernetes API error {(int)statusCode} {status.Reason}: {status.Message}")
            : new KubeApiException(statusCode, null, $"Kubernetes API error {(int)statusCode}");
    }

    // Writes only: kube-apiserver reads fieldManager from CreateOptions, UpdateOptions and PatchOptions.
    private IReadOnlyList<KeyValuePair<string, string>>? WithFieldManager(HttpMethod method, IReadOnlyList<KeyValuePair<string, string>>? query)
    {
        if (_fieldManager is null
            || (method != HttpMethod.Post && method != HttpMethod.Put && method != HttpMethod.Patch)
            || (query is not null && query.Any(p => p.Key == "fieldManager")))
        {
            return query;
        }

        return [.. query ?? [], new("fieldManager", _fieldManager)];
    }

    private Uri BuildUri(string relativePath, IReadOnlyList<KeyValuePair<string, string>>? query)
    {
        if (query is null || query.Count == 0)
        {
            return new Uri(_baseUri, relativePath);
        }

        var builder = new StringBuilder(relativePath).Append('?');
        for (var i = 0; i < query.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return new Uri(_baseUri, builder.ToString());
    }

    private static T NotNull<T>(T value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}
