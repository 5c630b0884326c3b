using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Config;

public sealed class SampleTests
{
    private static readonly string SamplesDirectory = RepositoryPaths.Combine("config", "samples");

    public static TheoryData<string> ProjectSamples => new(
        "video-project.yaml", "voice-project.yaml", "sms-project.yaml", "embed-project.yaml", "full-project.yaml");

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Sample_parses_strictly_into_the_entity_types(string file)
    {
        var objects = LoadTyped(file);

        var project = Assert.Single(objects.OfType<CpaasProject>());
        Assert.Equal(WellKnownNames.ApiVersion, project.ApiVersion);
        Assert.False(string.IsNullOrEmpty(project.Spec.CategoryId));
        Assert.All(objects, o => Assert.True(o is CpaasProject or V1Secret, $"unexpected {o.GetType().Name}"));
    }

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Sample_is_valid_against_the_generated_schema(string file)
    {
        var documents = YamlJson.Documents(File.ReadAllText(Path.Combine(SamplesDirectory, file)));
        var projects = documents.Where(d => d?["kind"]?.GetValue<string>() == WellKnownNames.Kind).ToList();

        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            var copy = project!.DeepClone().AsObject();
            copy.Remove("metadata"); // validated by the API server itself, not by the CRD schema
            Assert.Empty(SchemaValidator.Validate(copy, GeneratedSchema.Root, "$"));
        }
    }

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Every_secret_reference_of_a_sample_names_a_Secret_and_key_in_the_same_file(string file)
    {
        var objects = LoadTyped(file);
        var secrets = objects.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, s => s.StringData ?? new Dictionary<string, string>());
        var project = objects.OfType<CpaasProject>().Single();
        var json = JsonNode.Parse(OperatorJson.Kube.Serialize(project.Spec))!;

        var references = SecretKeySelectors(json, "spec").ToList();
        Assert.All(references, reference =>
        {
            Assert.True(secrets.TryGetValue(reference.Name, out var data), $"{reference.Path}: no Secret {reference.Name} in {file}");
            Assert.True(data.ContainsKey(reference.Key), $"{reference.Path}: Secret {reference.Name} has no key {reference.Key}");
        });
    }

    [Fact]
    public void Samples_cover_each_section_alone_and_one_project_with_all_four()
    {
        CpaasProjectSpec Spec(string file) => LoadTyped(file).OfType<CpaasProject>().Single().Spec;

        Assert.NotNull(Spec("video-project.yaml").Video);
        Assert.NotNull(Spec("voice-project.yaml").Voice);
        Assert.NotNull(Spec("sms-project.yaml").Sms);
        Assert.NotNull(Spec("embed-project.yaml").Embed);
        var full = Spec("full-project.yaml");
        Assert.True(full is { Video: not null, Voice: not null, Sms: not null, Embed: not null });
    }

    [Fact]
    public void Full_sample_sets_every_spec_field_of_the_schema()
    {
        var documents = YamlJson.Documents(File.ReadAllText(Path.Combine(SamplesDirectory, "full-project.yaml")));
        var spec = documents.Single(d => d?["kind"]?.GetValue<string>() == WellKnownNames.Kind)!["spec"]!;
        var notInSample = new HashSet<string> { "spec.appId", "spec.customerId", "spec.credentialsSecretRef" };

        var missing = GeneratedSchema.Walk(GeneratedSchema.Spec, "spec")
            .Select(p => p.Path)
            .Where(path => !notInSample.Any(skip => path.StartsWith(skip, StringComparison.Ordinal)))
            .Where(path => Resolve(spec, path["spec.".Length..]) is null)
            .ToList();

        Assert.Empty(missing);
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

    internal static List<object> LoadTyped(string file) =>
        KubeYaml.LoadAll(File.ReadAllText(Path.Combine(SamplesDirectory, file)), strict: true);

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
}
