using Controller.Runtime.Cache;
using Cpaas.Operator.Entities.Summary;
using k8s.Models;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// What the CpaasProject informer does to each <see cref="CpaasProjectSummary"/> before caching it
/// (docs/decisions/0063-project-cache-summary.md). The summary type already leaves out the sections' settings and
/// the reconcile-only status (their JSON is passed over while decoding); this drops what the summary still decodes
/// but nobody reads, and shares what every resource repeats:
/// <list type="bullet">
/// <item>kubectl's last-applied-configuration annotation (a second copy of the whole spec) and managedFields;</item>
/// <item>the strings every resource repeats (apiVersion, kind, namespaces, keys, finalizers, condition types,
/// statuses, reasons and messages, the category) shared through one bounded <see cref="StringPool"/>.</item>
/// </list>
/// </summary>
public sealed class ProjectCacheTransform
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private readonly StringPool _strings;

    public ProjectCacheTransform(StringPool? strings = null) => _strings = strings ?? new StringPool();

    public CpaasProjectSummary Apply(CpaasProjectSummary project)
    {
        ArgumentNullException.ThrowIfNull(project);
        project.Metadata?.Annotations?.Remove(LastAppliedAnnotation);
        MetadataSharing.Apply(project, _strings);
        project.Spec = project.Spec with { CategoryId = _strings.Share(project.Spec.CategoryId)! };
        if (project.Status?.Conditions is { } conditions)
        {
            foreach (var condition in conditions)
            {
                Share(condition);
            }
        }

        return project;
    }

    private void Share(V1Condition condition)
    {
        condition.Type = _strings.Share(condition.Type);
        condition.Status = _strings.Share(condition.Status);
        condition.Reason = _strings.Share(condition.Reason);
        condition.Message = _strings.Share(condition.Message);
    }
}
