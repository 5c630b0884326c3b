using Controller.Runtime.Controllers;
using Controller.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Support;

/// <summary>Informers on fake list/watch endpoints, started by <see cref="Run"/> (so tests can seed objects first), stopped on dispose.</summary>
internal sealed class FakeInformers(TimeProvider time) : IInformerProvider, IAsyncDisposable
{
    private readonly Dictionary<Type, (object Api, IInformer Informer)> _informers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];

    public FakeListerWatcher<T> Api<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        GetInformer<T>();
        return (FakeListerWatcher<T>)_informers[typeof(T)].Api;
    }

    public Informer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!_informers.TryGetValue(typeof(T), out var entry))
        {
            var api = new FakeListerWatcher<T> { Clock = time };
            var informer = new Informer<T>(api, null, time, random: () => 0);
            entry = (api, informer);
            _informers[typeof(T)] = entry;
        }

        return (Informer<T>)entry.Informer;
    }

    /// <summary>Starts every informer created so far.</summary>
    public void Run()
    {
        foreach (var (_, informer) in _informers.Values)
        {
            _runs.Add(informer.RunAsync(_stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
