using Controller.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Controllers;

/// <summary>Hands out the shared informer of a kind (one per kind per manager).</summary>
public interface IInformerProvider
{
    Informer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
