using Controller.Runtime.Resources;

namespace Controller.Runtime.Client;

/// <summary>
/// Metadata-only reads of one kind, as client-go's metadata client makes them: list with
/// <c>Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c>, get and watch with
/// <c>as=PartialObjectMetadata</c>. The server sends names, labels, annotations, owner references and
/// resourceVersions, never data, spec or status: an informer on it learns that objects changed without holding them.
/// </summary>
public sealed class MetadataClient : IListerWatcher<PartialObjectMetadata>, IObjectReader<PartialObjectMetadata>
{
    /// <summary>Accept header of metadata-only lists.</summary>
    public const string ListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    /// <summary>Accept header of metadata-only gets and watches.</summary>
    public const string ObjectAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    private readonly ResourceClient<PartialObjectMetadata> _reads;

    public MetadataClient(KubeApiTransport transport, ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(resourceType);
        _reads = new ResourceClient<PartialObjectMetadata>(transport, resourceType, ListAccept, ObjectAccept);
    }

    /// <summary>The kind whose metadata this client reads.</summary>
    public ResourceType ResourceType => _reads.ResourceType;

    public Task<ResourceList<PartialObjectMetadata>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken) =>
        _reads.ListAsync(@namespace, request, cancellationToken);

    public IAsyncEnumerable<WatchEvent<PartialObjectMetadata>> WatchAsync(string? @namespace, WatchRequest request, CancellationToken cancellationToken) =>
        _reads.WatchAsync(@namespace, request, cancellationToken);

    public Task<PartialObjectMetadata?> GetAsync(ObjectKey key, CancellationToken cancellationToken) => _reads.GetAsync(key, cancellationToken);
}
