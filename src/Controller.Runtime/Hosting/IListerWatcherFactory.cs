using Controller.Runtime.Client;
using Controller.Runtime.Informers;
using Controller.Runtime.Serialization;
using Controller.Runtime.Resources;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Hosting;

/// <summary>Creates the list/watch client of a kind (the API in production, fakes in tests).</summary>
public interface IListerWatcherFactory
{
    /// <param name="json">How objects are decoded; null: the factory's own (see <see cref="InformerOptions{T}.Json"/>).</param>
    IListerWatcher<T> Create<T>(KubeJson? json = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Metadata-only list/watch of a kind (<see cref="MetadataClient"/>).</summary>
    IListerWatcher<PartialObjectMetadata> CreateMetadata(ResourceType resourceType) =>
        throw new NotSupportedException($"{GetType().Name} does not serve metadata-only list/watch.");
}

/// <summary>List/watch through the Kubernetes API.</summary>
public sealed class KubernetesListerWatcherFactory(KubeApiTransport transport) : IListerWatcherFactory
{
    public IListerWatcher<T> Create<T>(KubeJson? json = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => new ResourceClient<T>(json is null ? transport : transport.With(json));

    public IListerWatcher<PartialObjectMetadata> CreateMetadata(ResourceType resourceType) => new MetadataClient(transport, resourceType);
}
