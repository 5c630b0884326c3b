using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.Tests.Support;

/// <summary>What the operator's CpaasProject informer would cache of a resource: its JSON decoded as the summary, then transformed.</summary>
internal static class Summaries
{
    private static readonly ProjectCacheTransform Transform = new();

    public static CpaasProjectSummary Of(CpaasProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return Transform.Apply(OperatorJson.Kube.Deserialize<CpaasProjectSummary>(OperatorJson.Kube.Serialize(project)));
    }
}
