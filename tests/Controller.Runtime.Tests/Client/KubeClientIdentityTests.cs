using Controller.Runtime.Client;

namespace Controller.Runtime.Tests.Client;

public sealed class KubeClientIdentityTests
{
    [Theory]
    [InlineData("cpaas-operator")]
    [InlineData("kubectl-client-side-apply")]
    [InlineData("a manager with spaces and ünïcödé")]
    public void Accepts_a_field_manager_kube_apiserver_accepts(string fieldManager)
    {
        var identity = new KubeClientIdentity("cpaas-operator/1.2.3", fieldManager);

        Assert.Equal(fieldManager, identity.FieldManager);
        Assert.Null(KubeClientIdentity.FieldManagerProblem(fieldManager));
    }

    [Theory]
    [InlineData(129, 'm', "is longer than 128 bytes")]
    [InlineData(65, 'é', "is longer than 128 bytes")] // 65 characters, 130 bytes of UTF-8
    public void Rejects_a_field_manager_longer_than_128_bytes(int length, char character, string problem)
    {
        var fieldManager = new string(character, length);

        Assert.Equal(problem, KubeClientIdentity.FieldManagerProblem(fieldManager));
        var error = Assert.Throws<ArgumentException>(() => new KubeClientIdentity("x/1", fieldManager));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_exactly_128_bytes()
    {
        Assert.Null(KubeClientIdentity.FieldManagerProblem(new string('m', 128)));
    }

    [Theory]
    [InlineData("tab\there", "U+0009")]
    [InlineData("new\nline", "U+000A")]
    [InlineData("nul\0", "U+0000")]
    [InlineData("no\u00a0break", "U+00A0")]
    [InlineData("zero\u200bwidth", "U+200B")]
    public void Rejects_a_field_manager_with_a_non_printable_character(string fieldManager, string character)
    {
        Assert.Equal($"has the non-printable character {character}", KubeClientIdentity.FieldManagerProblem(fieldManager));
        Assert.Throws<ArgumentException>(() => new KubeClientIdentity("x/1", fieldManager));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("not a (valid")]
    [InlineData("bad/\u00e9")]
    public void Rejects_a_User_Agent_that_is_not_a_header_value(string userAgent)
    {
        Assert.ThrowsAny<ArgumentException>(() => new KubeClientIdentity(userAgent, "m"));
    }

    [Theory]
    [InlineData("cpaas-operator/1.2.3")]
    [InlineData("cpaas-operator/1.2.3 (linux/amd64) kubernetes/abc123")]
    public void Accepts_product_tokens_and_comments(string userAgent)
    {
        Assert.Equal(userAgent, new KubeClientIdentity(userAgent, "m").UserAgent);
    }
}
