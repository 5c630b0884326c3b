using k8s;
using k8s.Autorest;
using Quickstart.Kubectl;
using Quickstart.Progress;
using Quickstart.Samples;

namespace Quickstart.Steps;

/// <summary>Prints `kubectl get cpaasprojects -A` and each connection Secret's keys, values masked.</summary>
internal static class ShowResult
{
    public static async Task RunAsync(KubectlRunner kubectl, IKubernetes client, IReadOnlyList<SampleStatus> samples, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin("The result");
        progress.Detail("$ kubectl get cpaasprojects -A");
        var table = await kubectl.RunCheckedAsync(["get", "cpaasprojects", "-A"], ct);
        progress.Detail(table.StdOut.TrimEnd());
        progress.Line();
        foreach (var sample in samples)
        {
            progress.Detail($"Secret {sample.Namespace}/{sample.ConnectionSecretName} (connection details of {sample.Name}):");
            try
            {
                var secret = await client.CoreV1.ReadNamespacedSecretAsync(sample.ConnectionSecretName, sample.Namespace, cancellationToken: ct);
                foreach (var (key, value) in (secret.Data ?? new Dictionary<string, byte[]>()).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    progress.Detail($"  {key,-18} {Mask(value)}");
                }
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                progress.Detail("  (not found)");
            }
        }

        progress.Done("values are masked; the commands below show how to read them");
    }

    /// <summary>Never the value: only that there is one and how long it is.</summary>
    public static string Mask(byte[]? value) => value is null || value.Length == 0 ? "(empty)" : $"******** ({value.Length} bytes)";
}
