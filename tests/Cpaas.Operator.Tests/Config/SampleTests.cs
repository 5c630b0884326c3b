using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Config;

/// <summary>
/// config/samples is safe on a real account (no Secret, no placeholder, category id and subdomains from settings.yaml,
/// every project suspended on delete); config/sandbox-samples is the same with the CPaaS sandbox's values and sets
/// every field of the schema.
/// </summary>
public sealed class SampleTests : IDisposable
{
    private static readonly string SamplesDirectory = RepositoryPaths.Combine("config", "samples");
    private static readonly string[] ProjectNames = ["video-demo", "voice-demo", "sms-demo", "embed-demo", "full-demo"];

    // Rendered once (the samples as the quickstart and the journeys apply them), parsed per use: tests change the objects.
    private static readonly Lazy<string> SandboxYaml = new(() => Kustomize.Build(RepositoryPaths.Combine("config", "sandbox-samples")));

    private readonly string _copy = Directory.CreateTempSubdirectory("samples-").FullName;

    public static TheoryData<string> ProjectSamples => new(ProjectNames);

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Sandbox_sample_parses_strictly_into_the_entity_types(string name)
    {
        var objects = LoadTyped(name);

        var project = Assert.Single(objects.OfType<CpaasProject>());
        Assert.Equal(WellKnownNames.ApiVersion, project.ApiVersion);
        Assert.False(string.IsNullOrEmpty(project.Spec.CategoryId));
        Assert.All(objects, o => Assert.True(o is CpaasProject or V1Secret, $"unexpected {o.GetType().Name}"));
    }

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Sandbox_sample_is_valid_against_the_generated_schema(string name)
    {
        Assert.Empty(SchemaErrors(RawProject(name)));
    }

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Every_secret_reference_of_a_sandbox_sample_names_a_Secret_and_key_of_the_overlay(string name)
    {
        var objects = LoadTyped(name);
        var secrets = objects.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, s => s.StringData ?? new Dictionary<string, string>());
        var project = objects.OfType<CpaasProject>().Single();
        var json = JsonNode.Parse(OperatorJson.Kube.Serialize(project.Spec))!;

        var references = SecretKeySelectors(json, "spec").ToList();
        Assert.All(references, reference =>
        {
            Assert.True(secrets.TryGetValue(reference.Name, out var data), $"{reference.Path}: no Secret {reference.Name} for {name}");
            Assert.True(data.ContainsKey(reference.Key), $"{reference.Path}: Secret {reference.Name} has no key {reference.Key}");
        });
    }

    [Fact]
    public void Samples_cover_each_section_alone_and_one_project_with_all_four()
    {
        CpaasProjectSpec Spec(string name) => LoadTyped(name).OfType<CpaasProject>().Single().Spec;

        Assert.NotNull(Spec("video-demo").Video);
        Assert.NotNull(Spec("voice-demo").Voice);
        Assert.NotNull(Spec("sms-demo").Sms);
        Assert.NotNull(Spec("embed-demo").Embed);
        var full = Spec("full-demo");
        Assert.True(full is { Video: not null, Voice: not null, Sms: not null, Embed: not null });
    }

    [Fact]
    public void Full_sandbox_sample_sets_every_spec_field_of_the_schema()
    {
        var spec = RawProject("full-demo")["spec"]!;
        var notInSample = new HashSet<string> { "spec.appId", "spec.customerId", "spec.credentialsSecretRef" };

        var missing = GeneratedSchema.Walk(GeneratedSchema.Spec, "spec")
            .Select(p => p.Path)
            .Where(path => !notInSample.Any(skip => path.StartsWith(skip, StringComparison.Ordinal)))
            .Where(path => Resolve(spec, path["spec.".Length..]) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Samples_for_a_real_account_are_the_same_projects_with_no_Secret_no_reference_and_no_example_value()
    {
        var yaml = await Kustomize.BuildAsync(SamplesDirectory);
        var objects = KubeYaml.LoadAll(yaml, strict: true);

        Assert.All(objects, o => Assert.IsType<CpaasProject>(o));
        Assert.Equal(
            ProjectNames.Order(StringComparer.Ordinal),
            objects.OfType<CpaasProject>().Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        foreach (var placeholder in new[] { "REPLACE", "example", "SecretRef", "phone", "http" })
        {
            Assert.DoesNotContain(placeholder, yaml, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Every_sample_suspends_its_project_when_deleted_in_both_forms()
    {
        var real = KubeYaml.LoadAll(await Kustomize.BuildAsync(SamplesDirectory), strict: true).OfType<CpaasProject>().ToList();
        var sandbox = KubeYaml.LoadAll(SandboxYaml.Value, strict: true).OfType<CpaasProject>().ToList();

        Assert.Equal(5, real.Count);
        Assert.All(real.Concat(sandbox), p => Assert.Equal(DeletionPolicy.Suspend, p.Spec.DeletionPolicy));
    }

    [Fact]
    public async Task With_settings_left_empty_the_API_server_rejects_every_sample_so_nothing_reaches_the_account()
    {
        var projects = YamlJson.Objects(await Kustomize.BuildAsync(SamplesDirectory));

        Assert.Equal(5, projects.Count);
        Assert.All(projects, p => Assert.Contains(SchemaErrors(p), e => e.StartsWith("$.spec.categoryId", StringComparison.Ordinal)));
        Assert.All(
            projects.Where(p => p["spec"]!["embed"] is not null),
            p => Assert.Contains(SchemaErrors(p), e => e.StartsWith("$.spec.embed.subdomain", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Filled_settings_give_every_sample_the_accounts_category_and_subdomains_with_the_installations_suffix()
    {
        foreach (var file in Directory.GetFiles(SamplesDirectory, "*.yaml"))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }

        var settings = Path.Combine(_copy, "settings.yaml");
        var filled = (await File.ReadAllTextAsync(settings))
            .Replace("categoryId: \"\"", "categoryId: \"42\"", StringComparison.Ordinal)
            .Replace("suffix: \"\"", "suffix: acme7k2", StringComparison.Ordinal);
        await File.WriteAllTextAsync(settings, filled);

        var projects = KubeYaml.LoadAll(await Kustomize.BuildAsync(_copy), strict: true).OfType<CpaasProject>().ToList();

        Assert.Equal(5, projects.Count);
        Assert.All(projects, p => Assert.Equal("42", p.Spec.CategoryId));
        Assert.Equal(
            ["embed-demo-acme7k2", "full-demo-acme7k2"],
            projects.Where(p => p.Spec.Embed is not null).Select(p => p.Spec.Embed!.Subdomain!).Order(StringComparer.Ordinal));
        Assert.All(projects, p => Assert.Empty(SchemaErrors(JsonNode.Parse(OperatorJson.Kube.Serialize(p))!.AsObject())));
    }

    [Fact]
    public void Every_sample_for_a_real_account_says_which_category_id_it_needs_and_where_to_set_it()
    {
        var settings = File.ReadAllText(Path.Combine(SamplesDirectory, "settings.yaml"));
        Assert.Contains("category_id of", settings, StringComparison.Ordinal);

        foreach (var file in Directory.GetFiles(SamplesDirectory, "*-project.yaml"))
        {
            var comment = string.Join(' ', File.ReadLines(file).TakeWhile(line => line.StartsWith('#')).Select(line => line.TrimStart('#', ' ')));
            Assert.Contains("Needs: a category id of your account", comment, StringComparison.Ordinal);
            Assert.Contains("(settings.yaml;", comment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Credentials_secret_sample_has_the_keys_the_operator_reads()
    {
        var secret = KubeYaml.Load<V1Secret>(File.ReadAllText(Path.Combine(SamplesDirectory, "credentials-secret.yaml")), strict: true);

        Assert.Equal("cpaas-operator-credentials", secret.Metadata.Name);
        Assert.Equal("cpaas-system", secret.Metadata.NamespaceProperty);
        Assert.Equal(
            [WellKnownNames.CredentialKeys.ApiId, WellKnownNames.CredentialKeys.ApiKey],
            secret.StringData.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The sample project <paramref name="name"/> of config/sandbox-samples as kustomize renders it, with its Secrets
    /// (named <c>NAME-...</c>), strictly typed; new objects at each call.
    /// </summary>
    internal static List<object> LoadTyped(string name) =>
        KubeYaml.LoadAll(SandboxYaml.Value, strict: true)
            .Where(o => o is IKubernetesObject<V1ObjectMeta> { Metadata.Name: var n } && (n == name || (o is V1Secret && n.StartsWith(name + "-", StringComparison.Ordinal))))
            .ToList();

    /// <summary>The sandbox sample project <paramref name="name"/> as the API server reads the rendered YAML.</summary>
    internal static JsonObject RawProject(string name) =>
        YamlJson.Objects(SandboxYaml.Value).Single(o => (string?)o["kind"] == WellKnownNames.Kind && (string?)o["metadata"]!["name"] == name);

    private static IReadOnlyList<string> SchemaErrors(JsonObject project)
    {
        var copy = project.DeepClone().AsObject();
        copy.Remove("metadata"); // validated by the API server itself, not by the CRD schema
        return SchemaValidator.Validate(copy, GeneratedSchema.Root, "$");
    }

    private static IEnumerable<(string Path, string Name, string Key)> SecretKeySelectors(JsonNode node, string path)
    {
        if (node is not JsonObject obj)
        {
            return node is JsonArray array
                ? array.SelectMany((item, i) => SecretKeySelectors(item!, $"{path}[{i}]"))
                : [];
        }

        return obj.SelectMany(pair => pair.Key.EndsWith("SecretRef", StringComparison.Ordinal) && pair.Key != "credentialsSecretRef"
            ? [($"{path}.{pair.Key}", pair.Value!["name"]!.GetValue<string>(), pair.Value!["key"]!.GetValue<string>())]
            : SecretKeySelectors(pair.Value!, $"{path}.{pair.Key}"));
    }

    // Follows a schema path ("video.phone[].in") through the sample; arrays through their first item.
    private static JsonNode? Resolve(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.TrimEnd('[', ']');
            current = current?[name];
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                current = current is JsonArray { Count: > 0 } array ? array[0] : null;
            }
        }

        return current;
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);
}
