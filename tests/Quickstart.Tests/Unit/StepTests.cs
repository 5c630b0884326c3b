using Microsoft.Extensions.Configuration;
using Cpaas.Operator.Hosting;
using Cpaas.Sandbox.Accounts;
using Quickstart.CommandLine;
using Quickstart.Operator;
using Quickstart.Steps;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Unit;

public sealed class StepTests
{
    [Fact]
    public void The_names_of_the_applied_CpaasProjects_are_read_from_kubectl_apply_output()
    {
        const string output = """
            secret/video-demo-credentials created
            cpaasproject.cpaas.enablex.io/video-demo created
            cpaasproject.cpaas.enablex.io/voice-demo unchanged
            cpaasproject.cpaas.enablex.io/sms-demo configured
            """;

        Assert.Equal(["video-demo", "voice-demo", "sms-demo"], ApplySamples.ProjectNames(output));
    }

    [Fact]
    public void The_credentials_sample_is_filled_with_the_account_and_keeps_its_shape()
    {
        var sample = File.ReadAllText(RepositoryRoot.File("config", "samples", "credentials-secret.yaml"));
        var account = new SandboxAccount("sandbox-customer", "k3y-value", isAdmin: false, "cust-1001");

        var filled = CreateCredentialsSecret.Fill(sample, account);

        Assert.Contains("api_id: sandbox-customer", filled, StringComparison.Ordinal);
        Assert.Contains("api_key: k3y-value", filled, StringComparison.Ordinal);
        Assert.Contains("name: cpaas-operator-credentials", filled, StringComparison.Ordinal);
        Assert.Contains("namespace: cpaas-system", filled, StringComparison.Ordinal);
        Assert.DoesNotContain("REPLACE_WITH", filled, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credentials_sample_without_placeholders_is_refused_rather_than_applied_as_is()
    {
        var account = new SandboxAccount("a", "b", isAdmin: false, "c");

        var failure = Assert.Throws<QuickstartFailure>(() => CreateCredentialsSecret.Fill("stringData:\n  api_id: real\n", account));

        Assert.Contains("REPLACE_WITH_API_ID", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_values_show_only_their_length()
    {
        Assert.Equal("******** (40 bytes)", ShowResult.Mask(new byte[40]));
        Assert.Equal("(empty)", ShowResult.Mask([]));
    }

    [Fact]
    public void The_operator_is_launched_with_known_flags_and_valid_values_only()
    {
        var launch = new OperatorLaunch("/tmp/kubeconfig", new Uri("http://127.0.0.1:8090/cpaas/"), "/tmp/credentials", 41234, "/tmp/operator.log");
        var args = launch.Arguments();
        var known = OperatorSettings.All.Select(s => s.Flag).ToHashSet(StringComparer.Ordinal);

        Assert.All(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)), flag => Assert.Contains(flag, known));
        var options = new OperatorOptions();
        OperatorSettings.Build(args, _ => null).Bind(options);
        Assert.Empty(options.Validate());
        Assert.Equal("http://127.0.0.1:8090/cpaas/", options.CpaasBaseUrl);
        Assert.Equal("/tmp/credentials", options.CredentialsDirectory);
        Assert.True(options.LeaderElect);
    }

    [Fact]
    public void The_next_steps_name_the_kubeconfig_a_sample_its_Secret_and_the_CPaaS_sandbox_without_any_key()
    {
        var samples = new[] { new Quickstart.Samples.SampleStatus("default", "embed-demo", 1, 1, "True", "Available", null, "a", "embed-demo-cpaas") };

        var text = ShowNextSteps.Render("/repo/.sandbox/kube/kubeconfig", new Uri("http://127.0.0.1:8090/cpaas/"), new Uri("http://127.0.0.1:8090/"), "sandbox-customer", "/repo/.sandbox/operator.log", new Uri("http://127.0.0.1:4000/"), samples);

        Assert.Contains("export KUBECONFIG=/repo/.sandbox/kube/kubeconfig", text, StringComparison.Ordinal);
        Assert.Contains("kubectl describe cpaasproject embed-demo\n", text, StringComparison.Ordinal);
        Assert.Contains("kubectl get secret embed-demo-cpaas -o jsonpath='{.data.app_key}' | base64 -d", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8090/_sandbox/journal", text, StringComparison.Ordinal);
        Assert.Contains("Press Ctrl+C to stop everything.", text, StringComparison.Ordinal);
    }
}
