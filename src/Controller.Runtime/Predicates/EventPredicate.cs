using k8s;
using k8s.Models;

namespace Controller.Runtime.Predicates;

/// <summary>
/// Filters informer events before they enqueue a key (controller-runtime's predicate.Funcs). Each of the three
/// functions defaults to "let it through". Compose with <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/>.
/// </summary>
public sealed class EventPredicate
{
    private readonly Func<IKubernetesObject<V1ObjectMeta>, bool> _create;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool> _update;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, bool> _delete;

    public EventPredicate(
        Func<IKubernetesObject<V1ObjectMeta>, bool>? create = null,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? update = null,
        Func<IKubernetesObject<V1ObjectMeta>, bool>? delete = null)
    {
        _create = create ?? (_ => true);
        _update = update ?? ((_, _) => true);
        _delete = delete ?? (_ => true);
    }

    public bool Create(IKubernetesObject<V1ObjectMeta> obj) => _create(obj);

    public bool Update(IKubernetesObject<V1ObjectMeta> oldObj, IKubernetesObject<V1ObjectMeta> newObj) => _update(oldObj, newObj);

    public bool Delete(IKubernetesObject<V1ObjectMeta> obj) => _delete(obj);

    /// <summary>Lets an event through when every predicate does.</summary>
    public static EventPredicate And(params EventPredicate[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        return new EventPredicate(
            o => predicates.All(p => p.Create(o)),
            (a, b) => predicates.All(p => p.Update(a, b)),
            o => predicates.All(p => p.Delete(o)));
    }

    /// <summary>Lets an event through when any predicate does.</summary>
    public static EventPredicate Or(params EventPredicate[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        return new EventPredicate(
            o => predicates.Any(p => p.Create(o)),
            (a, b) => predicates.Any(p => p.Update(a, b)),
            o => predicates.Any(p => p.Delete(o)));
    }

    public static EventPredicate Not(EventPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new EventPredicate(o => !predicate.Create(o), (a, b) => !predicate.Update(a, b), o => !predicate.Delete(o));
    }

    public EventPredicate And(EventPredicate other) => And(this, other);

    public EventPredicate Or(EventPredicate other) => Or(this, other);
}
