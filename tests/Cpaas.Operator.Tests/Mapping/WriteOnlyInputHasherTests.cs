using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class WriteOnlyInputHasherTests
{
    [Fact]
    public void Same_salt_field_and_value_give_the_same_hash_across_instances()
    {
        Assert.Equal(
            new WriteOnlyInputHasher("uid-1").Hash("video.sip.passwordSecretRef", "\"s3cret\""),
            new WriteOnlyInputHasher("uid-1").Hash("video.sip.passwordSecretRef", "\"s3cret\""));
    }

    [Fact]
    public void Another_salt_gives_another_hash()
    {
        Assert.NotEqual(
            new WriteOnlyInputHasher("uid-1").Hash("video.sip.passwordSecretRef", "\"s3cret\""),
            new WriteOnlyInputHasher("uid-2").Hash("video.sip.passwordSecretRef", "\"s3cret\""));
    }

    [Fact]
    public void The_same_value_in_another_field_gives_another_hash()
    {
        var hasher = new WriteOnlyInputHasher("uid-1");

        Assert.NotEqual(hasher.Hash("video.sip.passwordSecretRef", "\"x\""), hasher.Hash("voice.sip.passwordSecretRef", "\"x\""));
    }

    [Fact]
    public void A_changed_value_gives_another_hash()
    {
        var hasher = new WriteOnlyInputHasher("uid-1");

        Assert.NotEqual(hasher.Hash("f", "\"old\""), hasher.Hash("f", "\"new\""));
    }

    [Fact]
    public void Hash_is_a_fixed_size_versioned_token_that_does_not_contain_the_value()
    {
        var hasher = new WriteOnlyInputHasher("uid-1");

        var hash = hasher.Hash("video.sip.passwordSecretRef", "\"correct-horse-battery-staple\"");

        Assert.Matches("^v1:[A-Za-z0-9_-]{22}$", hash);
        Assert.DoesNotContain("correct", hash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("uid-1", hasher.ToString(), StringComparison.Ordinal);
    }
}
