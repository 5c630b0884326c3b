using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Controller.Runtime.Hosting;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Serialization;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Hosting;

/// <summary>A manager's edges in memory: fake list/watch endpoints (one per kind) and a sink that drops events.</summary>
internal sealed class FakeManagerClients(TimeProvider time) : IListerWatcherFactory, IEventSink
{
    private readonly Dictionary<Type, object> _apis = [];

    public FakeListerWatcher<T> Api<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_apis)
        {
            if (!_apis.TryGetValue(typeof(T), out var api))
            {
                api = new FakeListerWatcher<T> { Clock = time };
                _apis[typeof(T)] = api;
            }

            return (FakeListerWatcher<T>)api;
        }
    }

    public ManagerClients With(ILeaseStore? leases) => new(this, this, leases);

    public IListerWatcher<T> Create<T>(KubeJson? json = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => Api<T>();

    public Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken) => Task.CompletedTask;
}
