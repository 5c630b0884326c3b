using Controller.Runtime.Resources;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Controllers;

/// <summary>Maps an owned object to the key of its controlling owner (controller-runtime's EnqueueRequestForOwner with OnlyControllerOwner).</summary>
public static class OwnerMapping
{
    /// <summary>
    /// The keys of the owners of <paramref name="owned"/> that are of <paramref name="ownerType"/> and marked
    /// <c>controller: true</c>. The group and kind must match; the version may differ (as in controller-runtime).
    /// A namespaced owner lives in the owned object's namespace (owner references never cross namespaces).
    /// </summary>
    public static IEnumerable<ObjectKey> ControllerOwnerKeys(IKubernetesObject<V1ObjectMeta> owned, ResourceType ownerType)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(ownerType);
        var references = owned.Metadata?.OwnerReferences;
        if (references is null)
        {
            yield break;
        }

        foreach (var reference in references)
        {
            if (reference.Controller == true && !string.IsNullOrEmpty(reference.Name) && ownerType.Matches(reference.ApiVersion, reference.Kind))
            {
                yield return new ObjectKey(ownerType.Namespaced ? owned.Metadata!.NamespaceProperty : null, reference.Name);
            }
        }
    }
}
