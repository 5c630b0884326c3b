using System.Reflection;
using System.Text.RegularExpressions;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Crds;

/// <summary>Every password, key, secret or access file is a reference to a Secret, never a plain string.</summary>
public sealed partial class SecretFieldTests
{
    // Words that name a secret value; "keyword" and "kebab" are other words.
    private static readonly HashSet<string> SecretWords = ["password", "secret", "key", "token", "credential", "credentials"];

    // Named like secrets but holding none: a rotation token chosen by the user, the name of the Secret the operator
    // writes, and a whole credentials Secret referenced by name (keys api_id and api_key).
    private static readonly HashSet<string> NotSecrets =
    [
        "spec.apiKeyRotation", "spec.apiKeyRotation.requestedAt",
        "spec.connectionSecret", "spec.connectionSecret.name",
        "spec.credentialsSecretRef",
    ];

    [Fact]
    public void Secret_named_spec_fields_are_secret_references_never_strings()
    {
        var problems = new List<string>();
        foreach (var (path, schema) in GeneratedSchema.Walk(GeneratedSchema.Spec, "spec"))
        {
            var name = path[(path.LastIndexOf('.') + 1)..].TrimEnd('[', ']');
            var words = CamelWords().Matches(name).Select(m => m.Value.ToLowerInvariant()).ToList();
            var namesSecret = words.Any(SecretWords.Contains) || (words.Contains("access") && words.Contains("file"));
            if (!namesSecret || NotSecrets.Contains(path) || IsInsideSecretRef(path))
            {
                continue;
            }

            if (!name.EndsWith("SecretRef", StringComparison.Ordinal) || !SeedCoverageTests.IsSecretKeySelector(schema))
            {
                problems.Add($"{path} ({schema.Type})");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void SecretRef_properties_of_the_types_are_SecretKeySelectors()
    {
        var secretRefs = SpecTypes()
            .SelectMany(type => type.GetProperties())
            .Where(property => property.Name.EndsWith("SecretRef", StringComparison.Ordinal)
                && property.Name != nameof(CpaasProjectSpec.CredentialsSecretRef))
            .ToList();

        Assert.NotEmpty(secretRefs);
        Assert.All(secretRefs, property => Assert.Equal(typeof(SecretKeySelector), property.PropertyType));
    }

    [Fact]
    public void Secret_refs_cover_every_secret_of_the_seed()
    {
        var paths = GeneratedSchema.Walk(GeneratedSchema.Spec, "spec")
            .Select(p => p.Path)
            .Where(p => p.EndsWith("SecretRef", StringComparison.Ordinal))
            .ToHashSet();

        string[] expected =
        [
            "spec.video.sip.passwordSecretRef",
            "spec.video.encryption.encryptionKeySecretRef",
            "spec.video.recording.delivery.ftp.passwordSecretRef",
            "spec.video.recording.delivery.scp.passwordSecretRef",
            "spec.video.recording.delivery.s3.accessKeyIdSecretRef",
            "spec.video.recording.delivery.s3.secretKeySecretRef",
            "spec.video.recording.delivery.gdrive.accessFileSecretRef",
            "spec.video.recording.delivery.azure.accessKeySecretRef",
            "spec.voice.sip.passwordSecretRef",
            "spec.sms.default.inWebhook.passwordSecretRef",
            "spec.sms.default.deliveryWebhook.passwordSecretRef",
            "spec.credentialsSecretRef",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<Type> SpecTypes() =>
        typeof(CpaasProjectSpec).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(CpaasProjectSpec).Namespace
                && type.Name.EndsWith("Spec", StringComparison.Ordinal)
                && type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null);

    private static bool IsInsideSecretRef(string path) =>
        path.Split('.').SkipLast(1).Any(segment => segment.EndsWith("SecretRef", StringComparison.Ordinal));

    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])")]
    private static partial Regex CamelWords();
}
