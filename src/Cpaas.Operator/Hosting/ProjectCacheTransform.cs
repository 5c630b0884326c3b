using System.Collections.Concurrent;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// Trims CpaasProjects before the informer caches them: nobody in the operator reads managedFields or kubectl's
/// last-applied-configuration (a second copy of the whole spec), and the field paths that key the previous
/// version's status.appliedInputHashes are the same few hundred strings on every resource, so one instance of each
/// is shared (useful only until each status is migrated to status.appliedInputDigests: remove with that field).
/// At 10,000 resources this is most of the cache's memory. Writes never send cached annotations back whole (the
/// pending-create marker is patched by key), so nothing stripped here is lost on the server.
/// </summary>
public sealed class ProjectCacheTransform
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    // Field paths come from the CRD's schema, a bounded set; the cap only guards against a status written by hand.
    private const int MaxSharedPaths = 4096;
    private readonly ConcurrentDictionary<string, string> _sharedPaths = new(StringComparer.Ordinal);

    public CpaasProject Apply(CpaasProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
            metadata.Annotations?.Remove(LastAppliedAnnotation);
        }

        if (project.Status?.AppliedInputHashes is { Count: > 0 } hashes)
        {
            var shared = new Dictionary<string, string>(hashes.Count, StringComparer.Ordinal);
            foreach (var (path, hash) in hashes)
            {
                shared[Share(path)] = hash;
            }

            project.Status = project.Status with { AppliedInputHashes = shared };
        }

        return project;
    }

    private string Share(string path) =>
        _sharedPaths.TryGetValue(path, out var shared) ? shared
        : _sharedPaths.Count < MaxSharedPaths ? _sharedPaths.GetOrAdd(path, path)
        : path;
}
