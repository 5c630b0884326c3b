using System.Net;

namespace Cpaas.Benchmark.Harness.Kube;

/// <summary>A Kubernetes API request that did not succeed: the status and the API's Status body.</summary>
public sealed class KubeRequestException(HttpStatusCode status, string method, string path, string body)
    : Exception($"{method} {path} answered {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;
}
