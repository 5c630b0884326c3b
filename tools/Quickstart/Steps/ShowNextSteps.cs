using Quickstart.Samples;

namespace Quickstart.Steps;

/// <summary>What to try next, printed once everything is Ready and the quickstart keeps running.</summary>
internal static class ShowNextSteps
{
    public static string Render(string kubeconfig, Uri cpaasBaseUrl, Uri cpaasServerUrl, string credentialsApiId, string operatorLog, Uri operatorProbes, IReadOnlyList<SampleStatus> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var first = samples.Count > 0 ? samples[0] : null;
        var ns = first?.Namespace ?? "default";
        var name = first?.Name ?? "video-demo";
        var secret = first?.ConnectionSecretName ?? "video-demo-cpaas";
        var nsFlag = ns == "default" ? string.Empty : $" -n {ns}";
        return $$$"""

            Everything is running. Try it from another terminal (the kubeconfig is valid while this runs):

              export KUBECONFIG={{{kubeconfig}}}
              kubectl get cpaasprojects -A
              kubectl describe cpaasproject {{{name}}}{{{nsFlag}}}
              kubectl get secret {{{secret}}}{{{nsFlag}}} -o jsonpath='{.data.app_key}' | base64 -d; echo
              kubectl patch cpaasproject {{{name}}}{{{nsFlag}}} --type merge -p '{"spec":{"description":"Changed with kubectl"}}'
              kubectl delete cpaasproject {{{name}}}{{{nsFlag}}}
              kubectl get events{{{nsFlag}}}

            CPaaS API sandbox: {{{cpaasBaseUrl}}}  (account {{{credentialsApiId}}}; its key is in the Secret cpaas-system/cpaas-operator-credentials)
              curl -s -u {{{credentialsApiId}}}:"$(kubectl -n cpaas-system get secret cpaas-operator-credentials -o jsonpath='{.data.api_key}' | base64 -d)" {{{cpaasBaseUrl}}}projects
              curl -s {{{cpaasServerUrl}}}_sandbox/journal      # every request the operator made
            Operator: logs in {{{operatorLog}}}, metrics at {{{operatorProbes}}}metrics, probes at {{{operatorProbes}}}healthz and {{{operatorProbes}}}readyz

            Press Ctrl+C to stop everything.
            """;
    }
}
