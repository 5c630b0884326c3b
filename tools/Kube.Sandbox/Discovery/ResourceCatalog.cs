using System.Text.Json.Nodes;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Discovery;

/// <summary>
/// The resource types currently served: the built-ins plus every kind of the stored CRDs. Swapped as a whole
/// (copy on write) when a CRD changes, so readers never lock.
/// </summary>
public sealed class ResourceCatalog
{
    private volatile IReadOnlyList<ResourceType> _types = BuiltinResources.All;

    public IReadOnlyList<ResourceType> Types => _types;

    public static GroupResource CrdResource { get; } = new("apiextensions.k8s.io", "customresourcedefinitions");

    public void Rebuild(IEnumerable<JsonObject> crds)
    {
        var types = new List<ResourceType>(BuiltinResources.All);
        foreach (var crd in crds)
        {
            foreach (var type in CrdResourceTypes.From(crd))
            {
                if (!types.Any(t => t.Group == type.Group && t.Version == type.Version && t.Plural == type.Plural))
                {
                    types.Add(type);
                }
            }
        }

        _types = types;
    }

    public ResourceType? Find(string group, string version, string plural) =>
        _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        return _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind);
    }

    /// <summary>Any served version of a group/resource (used where the version does not matter).</summary>
    public ResourceType? FindAnyVersion(GroupResource resource) =>
        _types.Where(t => t.Group == resource.Group && t.Plural == resource.Resource).OrderBy(t => t.Version, VersionPriority.Instance).FirstOrDefault();

    public bool IsServed(GroupResource resource) => _types.Any(t => t.Group == resource.Group && t.Plural == resource.Resource);

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>Group name to its versions, preferred first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        _types.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().OrderBy(v => v, VersionPriority.Instance).ToList()))
            .ToList();

    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version) =>
        _types.Where(t => t.Group == group && t.Version == version).ToList();
}
