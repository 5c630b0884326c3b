using Controller.Runtime.Informers;
using Controller.Runtime.Metrics;
using Controller.Runtime.Predicates;
using Controller.Runtime.Queue;
using Controller.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Controller.Runtime.Controllers;

/// <summary>
/// Wires a controller for the primary kind <typeparamref name="T"/> (controller-runtime's builder):
/// <c>For</c> is implied, then <see cref="Owns{TOwned}"/>, <see cref="Watches{TWatched}"/>,
/// <see cref="WithEventFilter"/>, <see cref="WithOptions"/>, and <see cref="Complete"/>.
/// </summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly string _name;
    private readonly IInformerProvider _informers;
    private readonly Action<IController>? _register;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ControllerMetrics? _metrics;
    private readonly WorkQueueMetrics? _queueMetrics;
    private readonly List<Action<IController>> _sources = [];
    private readonly List<IInformer> _watched = [];
    private readonly List<EventPredicate> _primaryPredicates = [];
    private ControllerOptions _options = new();

    public ControllerBuilder(
        string name,
        IInformerProvider informers,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ControllerMetrics? metrics = null,
        WorkQueueMetrics? queueMetrics = null,
        Action<IController>? register = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(informers);
        _name = name;
        _informers = informers;
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
        _metrics = metrics;
        _queueMetrics = queueMetrics;
        _register = register;
    }

    /// <summary>Filters the primary kind's events (all must pass). Owned and watched sources are not affected.</summary>
    public ControllerBuilder<T> WithEventFilter(params EventPredicate[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        _primaryPredicates.AddRange(predicates);
        return this;
    }

    public ControllerBuilder<T> WithOptions(ControllerOptions controllerOptions)
    {
        ArgumentNullException.ThrowIfNull(controllerOptions);
        _options = controllerOptions;
        return this;
    }

    /// <summary>
    /// Reconciles the controlling owner (of kind <typeparamref name="T"/>) whenever an owned object is created,
    /// changed or deleted: the owned object's ownerReferences with controller=true and the owner's group/kind.
    /// </summary>
    public ControllerBuilder<T> Owns<TOwned>(params EventPredicate[] predicates)
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        var ownerType = ResourceType.For<T>();
        return Watches<TOwned>(owned => OwnerMapping.ControllerOwnerKeys(owned, ownerType), predicates);
    }

    /// <summary>
    /// Reconciles the keys that <paramref name="map"/> returns for each event of <typeparamref name="TWatched"/>
    /// (for updates, the keys of both the old and the new object). Typical use: referenced Secrets, mapped through a
    /// secondary index of the primary cache.
    /// </summary>
    public ControllerBuilder<T> Watches<TWatched>(Func<TWatched, IEnumerable<ObjectKey>> map, params EventPredicate[] predicates)
        where TWatched : class, IKubernetesObject<V1ObjectMeta> =>
        Watches(_informers.GetInformer<TWatched>(), map, predicates);

    /// <summary>
    /// As <see cref="Watches{TWatched}(Func{TWatched, IEnumerable{ObjectKey}}, EventPredicate[])"/>, on a given
    /// informer: a metadata-only one (<c>Manager.GetMetadataInformer</c>), or a second, differently selected informer
    /// of a kind.
    /// </summary>
    public ControllerBuilder<T> Watches<TWatched>(Informer<TWatched> informer, Func<TWatched, IEnumerable<ObjectKey>> map, params EventPredicate[] predicates)
        where TWatched : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(predicates);
        _watched.Add(informer);
        var filter = EventPredicate.And(predicates);
        _sources.Add(controller => informer.AddEventHandler(new MappingHandler<TWatched>(controller, map, filter)));
        return this;
    }

    /// <summary>Builds the controller, hooks its event sources to the informers and registers it with the manager.</summary>
    public IController Complete(IReconciler reconciler)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        var primary = _informers.GetInformer<T>();
        var informerList = new List<IInformer> { primary };
        informerList.AddRange(_watched.Where(w => !ReferenceEquals(w, primary)).Distinct());
        var controller = new ReconcileController(
            _name,
            reconciler,
            _options,
            informerList,
            () => primary.Cache.List().Select(ObjectKey.From),
            _time,
            _loggerFactory?.CreateLogger($"Controller.Runtime.Controller.{_name}"),
            _metrics,
            _queueMetrics);
        var filter = EventPredicate.And([.. _primaryPredicates]);
        primary.AddEventHandler(new MappingHandler<T>(controller, obj => [ObjectKey.From(obj)], filter));
        foreach (var source in _sources)
        {
            source(controller);
        }

        _register?.Invoke(controller);
        return controller;
    }

    private sealed class MappingHandler<TObject>(IController controller, Func<TObject, IEnumerable<ObjectKey>> map, EventPredicate filter)
        : IResourceEventHandler<TObject>
        where TObject : class, IKubernetesObject<V1ObjectMeta>
    {
        public void OnAdd(TObject obj, bool initialList)
        {
            if (filter.Create(obj))
            {
                // The initial list is not a change (controller-runtime queues it low too).
                EnqueueAll(map(obj), initialList ? WorkPriority.Low : WorkPriority.High);
            }
        }

        public void OnUpdate(TObject oldObj, TObject newObj)
        {
            if (filter.Update(oldObj, newObj))
            {
                EnqueueAll(map(oldObj).Concat(map(newObj)).Distinct(), WorkPriority.High);
            }
        }

        public void OnDelete(TObject obj)
        {
            if (filter.Delete(obj))
            {
                EnqueueAll(map(obj), WorkPriority.High);
            }
        }

        private void EnqueueAll(IEnumerable<ObjectKey> keys, WorkPriority priority)
        {
            foreach (var key in keys)
            {
                controller.Enqueue(key, priority);
            }
        }
    }
}
