using k8s;
using k8s.Models;

namespace Kube.Sandbox.Tests.Infrastructure;

public static class KubeTestExtensions
{
    public static async Task<string> CreateNamespaceAsync(this Kubernetes client, string prefix = "t")
    {
        var name = Names.Unique(prefix);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public static CancellationToken Deadline(int seconds = 15) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
