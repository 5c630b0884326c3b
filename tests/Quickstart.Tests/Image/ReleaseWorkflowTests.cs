using System.Text.RegularExpressions;
using k8s.Models;
using Quickstart.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Quickstart.Tests.Image;

/// <summary>
/// .github/workflows/release.yml cannot run here; its structure can be checked: the trigger, the jobs and their
/// order, the permissions keyless signing needs, every action pinned to a commit, the multi-arch push, the SBOM and
/// the signatures, and that the install.yaml it publishes runs the image it pushed (its render command, run here).
/// </summary>
public sealed partial class ReleaseWorkflowTests : IDisposable
{
    private static readonly string WorkflowPath = RepositoryRoot.File(".github", "workflows", "release.yml");
    private readonly YamlMappingNode _workflow = Load();
    private readonly TempDirectory _directory = new("release");

    [Fact]
    public void Runs_on_a_version_tag_and_tests_before_it_builds_the_image()
    {
        var tags = (YamlSequenceNode)Map(Map(_workflow, "on"), "push").Children[new YamlScalarNode("tags")];
        Assert.Equal(["v*.*.*"], tags.Children.Select(Text));

        var jobs = Map(_workflow, "jobs");
        Assert.Equal(["test", "image"], jobs.Children.Keys.Select(Text));
        Assert.Equal("test", Text(Map(jobs, "image").Children[new YamlScalarNode("needs")]));
        Assert.Contains(Steps("test"), s => Value(s, "run")?.Contains("bash .ci/run", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_image_job_has_only_the_permissions_it_needs_to_push_sign_and_release()
    {
        Assert.Equal("read", Value(Map(_workflow, "permissions"), "contents"));
        var permissions = Map(Map(Map(_workflow, "jobs"), "image"), "permissions");
        Assert.Equal(
            new Dictionary<string, string> { ["contents"] = "write", ["packages"] = "write", ["id-token"] = "write" },
            permissions.Children.ToDictionary(p => Text(p.Key), p => Text(p.Value)));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment()
    {
        var uses = File.ReadAllLines(WorkflowPath).Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal) || l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(PinnedAction(), line));
    }

    [Fact]
    public void Pushes_both_architectures_then_generates_the_SBOM_and_signs_image_and_SBOM_keylessly()
    {
        var steps = Steps("image");
        var build = Single(steps, "docker/build-push-action");
        var with = Map(build, "with");
        Assert.Equal("linux/amd64,linux/arm64", Value(with, "platforms"));
        Assert.Equal("true", Value(with, "push"));
        Assert.StartsWith("${{ env.IMAGE }}:", Value(with, "tags"), StringComparison.Ordinal);
        Assert.Equal("build", Value(build, "id"));
        var pinnedImage = "${{ env.IMAGE }}@${{ steps.build.outputs.digest }}";

        var sbom = Single(steps, "anchore/sbom-action");
        Assert.Equal(pinnedImage, Value(Map(sbom, "with"), "image"));
        var sbomFile = Value(Map(sbom, "with"), "output-file")!;

        var index = steps.IndexOf(sbom);
        Assert.True(steps.IndexOf(build) < index && steps.IndexOf(Single(steps, "sigstore/cosign-installer")) < index);
        var signing = steps.Skip(index + 1).Select(s => Value(s, "run")).OfType<string>().Single(r => r.Contains("cosign sign ", StringComparison.Ordinal));
        Assert.Contains("cosign sign --yes \"$IMAGE_REF\"", signing, StringComparison.Ordinal);
        Assert.Contains($"cosign attest --yes --type spdxjson --predicate {sbomFile} \"$IMAGE_REF\"", signing, StringComparison.Ordinal);
        Assert.Contains($"cosign sign-blob --yes --bundle {sbomFile}.sigstore.json {sbomFile}", signing, StringComparison.Ordinal);
        var signingStep = steps.Single(s => Value(s, "run") == signing);
        Assert.Equal(pinnedImage, Value(Map(signingStep, "env"), "IMAGE_REF"));

        // Without a key: no COSIGN_KEY or --key anywhere; the job's OIDC token identifies the workflow.
        Assert.DoesNotContain("--key", File.ReadAllText(WorkflowPath), StringComparison.Ordinal);
        Assert.DoesNotContain("Dockerfile", Value(with, "file") ?? string.Empty, StringComparison.Ordinal); // the one Dockerfile at the root
    }

    [Fact]
    public async Task The_published_install_yaml_runs_the_image_the_job_pushed_pinned_by_digest()
    {
        var steps = Steps("image");
        var image = Value(Map(_workflow, "env"), "IMAGE")!;
        Assert.Equal("ghcr.io/${{ github.repository_owner }}/cpaas-operator", image);
        var render = steps.Select(s => Value(s, "run")).OfType<string>().Single(r => r.Contains("hack/render-install.sh", StringComparison.Ordinal));
        Assert.Equal("hack/render-install.sh \"${{ env.IMAGE }}@${{ steps.build.outputs.digest }}\" dist/install.yaml", render.Trim());
        var release = steps.Select(s => Value(s, "run")).OfType<string>().Single(r => r.Contains("gh release create", StringComparison.Ordinal));
        Assert.Contains("dist/install.yaml", release, StringComparison.Ordinal);
        Assert.Contains("sbom.spdx.json.sigstore.json", release, StringComparison.Ordinal);

        // The step's command as GitHub would run it for owner example-org and a digest, writing to a scratch file.
        const string Digest = "sha256:89abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567";
        var expected = image.Replace("${{ github.repository_owner }}", "example-org", StringComparison.Ordinal) + "@" + Digest;
        var output = Path.Combine(_directory.Path, "install.yaml");
        var command = render.Trim()
            .Replace("${{ env.IMAGE }}", image.Replace("${{ github.repository_owner }}", "example-org", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("${{ steps.build.outputs.digest }}", Digest, StringComparison.Ordinal)
            .Replace("dist/install.yaml", output, StringComparison.Ordinal);
        (await ToolProcess.RunAsync("bash", ["-c", command], RepositoryRoot.Path)).EnsureSuccess();

        var deployment = KubeYaml.LoadAll(await File.ReadAllTextAsync(output)).OfType<V1Deployment>().Single();
        Assert.Equal(expected, deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "manager").Image);
    }

    public void Dispose() => _directory.Dispose();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(WorkflowPath)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private List<YamlMappingNode> Steps(string job) =>
        ((YamlSequenceNode)Map(Map(_workflow, "jobs"), job).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode Single(IEnumerable<YamlMappingNode> steps, string action) =>
        steps.Single(s => Value(s, "uses")?.StartsWith(action + "@", StringComparison.Ordinal) == true);

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new InvalidOperationException($"{WorkflowPath}: no mapping '{key}'");

    private static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Text(value) : null;

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    [GeneratedRegex(@"uses: [a-z0-9-]+/[a-z0-9-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedAction();
}
