using k8s;
using k8s.Models;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Kubectl;

public sealed class KubectlCustomResourceTests : IClassFixture<KubectlFixture>, IAsyncLifetime
{
    private readonly KubectlFixture _fixture;

    public KubectlCustomResourceTests(KubectlFixture fixture) => _fixture = fixture;

    private Infrastructure.Kubectl Kubectl => _fixture.Kubectl;

    public async Task InitializeAsync()
    {
        var crd = Kubectl.WriteFile("crd.yaml", TestCrds.Yaml);
        (await Kubectl.RunAsync("apply", "-f", crd)).EnsureSuccess();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Widget(string name, string ns, int size, string extra = "") => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          size: {size}
        {extra}
        """;

    private async Task<string> NamespaceAsync()
    {
        var ns = Names.Unique("k");
        (await Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        return ns;
    }

    [Fact]
    public async Task Apply_creates_then_updates_a_custom_resource_and_get_prints_its_printer_columns()
    {
        var ns = await NamespaceAsync();
        var file = Kubectl.WriteFile($"{ns}/w.yaml", Widget("alpha", ns, 3));

        var created = (await Kubectl.RunAsync("apply", "-f", file)).EnsureSuccess();
        Assert.Contains("widget.example.com/alpha created", created.StdOut, StringComparison.Ordinal);

        File.WriteAllText(file, Widget("alpha", ns, 7));
        var configured = (await Kubectl.RunAsync("apply", "-f", file)).EnsureSuccess();
        Assert.Contains("widget.example.com/alpha configured", configured.StdOut, StringComparison.Ordinal);
        var unchanged = (await Kubectl.RunAsync("apply", "-f", file)).EnsureSuccess();
        Assert.Contains("widget.example.com/alpha unchanged", unchanged.StdOut, StringComparison.Ordinal);

        var table = (await Kubectl.RunAsync("get", "widgets", "-n", ns)).EnsureSuccess();
        var lines = table.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+SIZE\s+READY\s+AGE$", lines[0]);
        Assert.Matches(@"^alpha\s+7\s+\d+s$", lines[1]);
    }

    [Fact]
    public async Task Get_o_yaml_shows_the_stored_object_with_schema_defaults()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunWithInputAsync(Widget("beta", ns, 2), "apply", "-f", "-")).EnsureSuccess();

        var yaml = (await Kubectl.RunAsync("get", "widget", "beta", "-n", ns, "-o", "yaml")).EnsureSuccess().StdOut;
        Assert.Contains("apiVersion: example.com/v1", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Widget", yaml, StringComparison.Ordinal);
        Assert.Contains("color: red", yaml, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml, StringComparison.Ordinal);
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", yaml, StringComparison.Ordinal);
        Assert.Matches(@"uid: [0-9a-f-]{36}", yaml);
    }

    [Fact]
    public async Task Patch_merge_and_label_change_the_object()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunWithInputAsync(Widget("gamma", ns, 2), "apply", "-f", "-")).EnsureSuccess();

        var patched = (await Kubectl.RunAsync("patch", "widget", "gamma", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":5,"color":"blue"}}""")).EnsureSuccess();
        Assert.Contains("widget.example.com/gamma patched", patched.StdOut, StringComparison.Ordinal);
        var labeled = (await Kubectl.RunAsync("label", "widget", "gamma", "-n", ns, "tier=gold")).EnsureSuccess();
        Assert.Contains("widget.example.com/gamma labeled", labeled.StdOut, StringComparison.Ordinal);

        var values = (await Kubectl.RunAsync("get", "widget", "gamma", "-n", ns, "-o", "jsonpath={.spec.size},{.spec.color},{.metadata.labels.tier},{.metadata.generation}")).EnsureSuccess();
        Assert.Equal("5,blue,gold,2", values.StdOut);
        var selected = (await Kubectl.RunAsync("get", "widgets", "-n", ns, "-l", "tier=gold", "-o", "name")).EnsureSuccess();
        Assert.Equal("widget.example.com/gamma", selected.StdOut.Trim());
    }

    [Fact]
    public async Task Invalid_custom_resource_is_refused_with_field_causes_worded_like_kube_apiserver()
    {
        var ns = await NamespaceAsync();
        var invalid = $"""
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: bad
              namespace: {ns}
            spec:
              size: 30
              color: green
              name: ABCDEFG
              tags: [a, b, c]
            """;

        var result = await Kubectl.RunWithInputAsync(invalid, "apply", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The Widget \"bad\" is invalid:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.size: Invalid value: 30: spec.size in body should be less than or equal to 10", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.name: Invalid value: \"ABCDEFG\": spec.name in body should match '^[a-z]+$'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.name: Too long: may not be more than 5 bytes", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.tags: Too many: 3: must have at most 2 items", result.StdErr, StringComparison.Ordinal);

        var missing = await Kubectl.RunWithInputAsync($"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: empty\n  namespace: {ns}\nspec: {{}}\n", "apply", "-f", "-");
        Assert.Contains("spec.size: Required value", missing.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_refused_by_strict_field_validation_and_pruned_otherwise()
    {
        var ns = await NamespaceAsync();
        var withUnknown = Widget("delta", ns, 2).Replace("  size: 2", "  size: 2\n  bogus: true", StringComparison.Ordinal);

        var strict = await Kubectl.RunWithInputAsync(withUnknown, "apply", "-f", "-");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", strict.StdErr, StringComparison.Ordinal);

        var lenient = await Kubectl.RunWithInputAsync(withUnknown, "apply", "--validate=false", "-f", "-");
        lenient.EnsureSuccess();
        var spec = (await Kubectl.RunAsync("get", "widget", "delta", "-n", ns, "-o", "jsonpath={.spec}")).EnsureSuccess();
        Assert.DoesNotContain("bogus", spec.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_waits_until_the_finalizer_is_removed()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunWithInputAsync(Widget("held", ns, 1).Replace($"  namespace: {ns}", $"  namespace: {ns}\n  finalizers: [example.com/hold]", StringComparison.Ordinal), "apply", "-f", "-")).EnsureSuccess();
        var requests = _fixture.Sandbox.Requests;
        var watchesBefore = requests.Count(verb: "watch", resource: "widgets");

        var delete = Kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "delete", "widget", "held", "-n", ns);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await requests.WaitUntilAsync(r => r.Count(verb: "watch", resource: "widgets") > watchesBefore, deadline.Token);
        }

        Assert.False(delete.IsCompleted, "kubectl delete must still be waiting for the finalizer");
        var terminating = (await Kubectl.RunAsync("get", "widget", "held", "-n", ns, "-o", "jsonpath={.metadata.deletionTimestamp}")).EnsureSuccess();
        Assert.NotEmpty(terminating.StdOut);

        (await Kubectl.RunAsync("patch", "widget", "held", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""")).EnsureSuccess();
        var deleted = (await delete).EnsureSuccess();
        Assert.Contains("widget.example.com \"held\" deleted", deleted.StdOut, StringComparison.Ordinal);
        var after = await Kubectl.RunAsync("get", "widget", "held", "-n", ns);
        Assert.Contains("NotFound", after.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_condition_Ready_returns_when_the_status_condition_becomes_true()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunWithInputAsync(Widget("ready", ns, 1), "apply", "-f", "-")).EnsureSuccess();
        var requests = _fixture.Sandbox.Requests;
        var watchesBefore = requests.Count(verb: "watch", resource: "widgets");

        var wait = Kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "wait", "--for=condition=Ready", "widget/ready", "-n", ns, "--timeout=45s");
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await requests.WaitUntilAsync(r => r.Count(verb: "watch", resource: "widgets") > watchesBefore, deadline.Token);
        }

        Assert.False(wait.IsCompleted);
        var status = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Synced","message":"ok","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}""";
        (await Kubectl.RunAsync("patch", "widget", "ready", "-n", ns, "--subresource=status", "--type", "merge", "-p", status)).EnsureSuccess();

        var result = (await wait).EnsureSuccess();
        Assert.Contains("widget.example.com/ready condition met", result.StdOut, StringComparison.Ordinal);
        var table = (await Kubectl.RunAsync("get", "widget", "ready", "-n", ns, "--no-headers")).EnsureSuccess();
        Assert.Matches(@"^ready\s+1\s+True\s+\d+s", table.StdOut);
    }

    [Fact]
    public async Task Cel_transition_rule_refuses_changing_an_immutable_field()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunWithInputAsync(Widget("fixed", ns, 1).Replace("  size: 1", "  size: 1\n  name: abc", StringComparison.Ordinal), "apply", "-f", "-")).EnsureSuccess();

        var sizeChange = await Kubectl.RunAsync("patch", "widget", "fixed", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":2}}""");
        sizeChange.EnsureSuccess();
        var nameChange = await Kubectl.RunAsync("patch", "widget", "fixed", "-n", ns, "--type", "merge", "-p", """{"spec":{"name":"xyz"}}""");

        Assert.Equal(1, nameChange.ExitCode);
        Assert.Contains("The Widget \"fixed\" is invalid: spec.name: Invalid value: \"string\": name is immutable", nameChange.StdErr, StringComparison.Ordinal);
    }
}
