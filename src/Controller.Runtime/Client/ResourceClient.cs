using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Controller.Runtime.Resources;
using Controller.Runtime.Serialization;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// A typed client for one kind (built-in or custom): list (paged), watch, get, create, replace, patch, delete,
/// and the status subresource. Serialises with the transport's <see cref="KubeJson"/> (source-generated metadata, no
/// reflection): a custom entity class needs <c>[JsonPropertyName]</c> on its properties, a
/// <see cref="KubernetesEntityAttribute"/>, and a <c>[JsonSerializable]</c> entry in a context given to that KubeJson.
/// </summary>
public sealed class ResourceClient<T> : IListerWatcher<T>, IObjectReader<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const string Json = "application/json";
    private static readonly MediaTypeHeaderValue JsonMediaType = new(Json);
    private readonly KubeApiTransport _transport;
    private readonly string _listAccept;
    private readonly string _objectAccept;
    private JsonTypeInfo<ResourceList<T>>? _listJson;

    public ResourceClient(KubeApiTransport transport, ResourceType? resourceType = null)
        : this(transport, resourceType ?? ResourceType.For<T>(), Json, Json)
    {
    }

    /// <summary>Reads answered in another form (the metadata-only one): Accept headers for lists/watches and for single objects.</summary>
    internal ResourceClient(KubeApiTransport transport, ResourceType resourceType, string listAccept, string objectAccept)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(resourceType);
        _transport = transport;
        ResourceType = resourceType;
        _listAccept = listAccept;
        _objectAccept = objectAccept;
    }

    public ResourceClient(Kubernetes kubernetes, ResourceType? resourceType = null, KubeJson? json = null)
        : this(new KubeApiTransport(kubernetes, json), resourceType)
    {
    }

    public ResourceType ResourceType { get; }

    public async Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<KeyValuePair<string, string>>();
        AddIfSet(query, "labelSelector", request.LabelSelector);
        AddIfSet(query, "fieldSelector", request.FieldSelector);
        AddIfSet(query, "limit", request.Limit?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(query, "continue", request.Continue);
        AddIfSet(query, "resourceVersion", request.ResourceVersion);
        using var response = await _transport
            .SendAsync(HttpMethod.Get, ResourceType.CollectionPath(@namespace), query, null, _listAccept, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        _listJson ??= ResourceListJson.Create<T>(_transport.Json);
        return await JsonSerializer.DeserializeAsync(stream, _listJson, cancellationToken)
            ?? throw new JsonException($"The list response for {ResourceType.Plural} was null.");
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        WatchRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<KeyValuePair<string, string>> { new("watch", "true") };
        AddIfSet(query, "labelSelector", request.LabelSelector);
        AddIfSet(query, "fieldSelector", request.FieldSelector);
        AddIfSet(query, "resourceVersion", request.ResourceVersion);
        if (request.AllowBookmarks)
        {
            query.Add(new("allowWatchBookmarks", "true"));
        }

        if (request.Timeout is { } timeout)
        {
            query.Add(new("timeoutSeconds", ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
        }

        // A watch's events carry single objects: the object form of the transform (as kube-apiserver expects).
        using var response = await _transport
            .SendAsync(HttpMethod.Get, ResourceType.CollectionPath(@namespace), query, null, _objectAccept, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        yield return WatchEvent<T>.Connected;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return WatchEventParser.Parse<T>(line, _transport.Json);
        }
    }

    /// <summary>Reads one object; null when it does not exist.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _transport
                .SendAsync(HttpMethod.Get, ResourceType.ObjectPath(key), null, null, _objectAccept, cancellationToken);
            return await ReadAsync(response, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureTypeMeta(obj);
        using var response = await _transport
            .SendAsync(HttpMethod.Post, ResourceType.CollectionPath(obj.Metadata?.NamespaceProperty), null, Serialize(obj), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>PUT: replaces the object; metadata.resourceVersion is the optimistic-concurrency precondition (409 on conflict).</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken) => PutAsync(obj, null, cancellationToken);

    /// <summary>PUT on the status subresource: only status is written; spec changes are ignored by the server.</summary>
    public Task<T> ReplaceStatusAsync(T obj, CancellationToken cancellationToken) => PutAsync(obj, "status", cancellationToken);

    public Task<T> PatchAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken) =>
        SendPatchAsync(key, type, patch, null, cancellationToken);

    public Task<T> PatchStatusAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken) =>
        SendPatchAsync(key, type, patch, "status", cancellationToken);

    /// <summary>Deletes an object; false when it was already gone. Optional preconditions guard against deleting a successor.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken, string? uid = null, string? resourceVersion = null)
    {
        HttpContent? body = null;
        if (uid is not null || resourceVersion is not null)
        {
            var options = new V1DeleteOptions
            {
                ApiVersion = "v1",
                Kind = "DeleteOptions",
                Preconditions = new V1Preconditions { Uid = uid, ResourceVersion = resourceVersion },
            };
            body = new StringContent(_transport.Json.Serialize(options), Encoding.UTF8);
            body.Headers.ContentType = JsonMediaType;
        }

        try
        {
            using var response = await _transport
                .SendAsync(HttpMethod.Delete, ResourceType.ObjectPath(key), null, body, cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(new(name, value));
        }
    }

    private async Task<T> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await _transport.Json.DeserializeAsync<T>(stream, cancellationToken);
    }

    private StringContent Serialize(T obj)
    {
        var content = new StringContent(_transport.Json.Serialize(obj), Encoding.UTF8);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static string ContentTypeOf(PatchType type) => type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private void EnsureTypeMeta(T obj)
    {
        obj.ApiVersion ??= ResourceType.ApiVersion;
        obj.Kind ??= ResourceType.Kind;
    }

    private async Task<T> PutAsync(T obj, string? subresource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureTypeMeta(obj);
        using var response = await _transport
            .SendAsync(HttpMethod.Put, ResourceType.ObjectPath(ObjectKey.From(obj), subresource), null, Serialize(obj), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private async Task<T> SendPatchAsync(ObjectKey key, PatchType type, string patch, string? subresource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var content = new StringContent(patch, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(type));
        using var response = await _transport
            .SendAsync(HttpMethod.Patch, ResourceType.ObjectPath(key, subresource), null, content, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }
}
