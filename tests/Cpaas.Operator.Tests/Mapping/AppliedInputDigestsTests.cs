using System.Text.Json;
using System.Text.RegularExpressions;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class AppliedInputDigestsTests
{
    private static readonly WriteOnlyInputHasher Hasher = new("uid-of-full-demo");

    // What the planner computes for the full sample, and what the previous version wrote to status.appliedInputHashes.
    private static IReadOnlyDictionary<string, string> FullSampleHashes(Func<CpaasProjectSpec, CpaasProjectSpec>? edit = null, Dictionary<SecretKeySelector, string>? secrets = null)
    {
        var spec = MappingFixtures.FullProject().Spec;
        var desired = ProjectSections.FromSpec(edit is null ? spec : edit(spec), secrets ?? MappingFixtures.FullSecrets());
        return ProjectDiffer.HashWriteOnlyInputs(desired, Hasher);
    }

    [Fact]
    public void The_encoded_form_decodes_to_the_same_applied_inputs()
    {
        var hashes = FullSampleHashes();

        var decoded = AppliedInputDigests.Decode(AppliedInputDigests.Encode(hashes));

        Assert.Equal(hashes.Count, decoded.Count);
        Assert.True(decoded.Matches(hashes));
        Assert.Empty(decoded.ChangedFields(hashes));
    }

    [Fact]
    public void The_encoded_form_is_the_same_whatever_the_order_of_the_fields()
    {
        var hashes = FullSampleHashes();
        var reversed = hashes.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value);

        Assert.Equal(AppliedInputDigests.Encode(hashes), AppliedInputDigests.Encode(reversed));
    }

    [Theory]
    [InlineData("video.sip.passwordSecretRef")]
    [InlineData("video.recording.delivery.s3.secretKeySecretRef")]
    [InlineData("sms.default.inWebhook.passwordSecretRef")]
    public void A_changed_secret_value_is_reported_for_its_field_only(string field)
    {
        var applied = AppliedInputDigests.Decode(AppliedInputDigests.Encode(FullSampleHashes()));
        var selector = SecretReferences.Collect(MappingFixtures.FullProject().Spec).Single(r => r.Field == field).Selector;
        var secrets = MappingFixtures.FullSecrets();
        secrets[selector] = "rotated-" + secrets[selector];

        // Sharing one Secret key between fields would change them all; the sample gives each field its own key.
        Assert.Equal([field], applied.ChangedFields(FullSampleHashes(secrets: secrets)));
    }

    [Fact]
    public void A_changed_write_only_option_is_reported_for_its_field_only()
    {
        var applied = AppliedInputDigests.Decode(AppliedInputDigests.Encode(FullSampleHashes()));

        var now = FullSampleHashes(spec =>
        {
            var embed = spec.Embed!;
            var options = embed.Options!;
            return spec with { Embed = embed with { Options = options with { Lobby = options.Lobby! with { WaitTimeout = "300" } } } };
        });

        Assert.Equal(["embed.options.lobby.waitTimeout"], applied.ChangedFields(now));
        Assert.False(applied.Matches(now));
    }

    [Fact]
    public void An_input_added_or_removed_since_the_last_apply_does_not_match()
    {
        var all = FullSampleHashes();
        var withoutOne = all.Where(pair => pair.Key != "embed.subdomain").ToDictionary();
        var applied = AppliedInputDigests.Decode(AppliedInputDigests.Encode(withoutOne));

        Assert.Equal(["embed.subdomain"], applied.ChangedFields(all));
        Assert.False(applied.Matches(all));
        Assert.False(AppliedInputDigests.Decode(AppliedInputDigests.Encode(all)).Matches(withoutOne));
    }

    [Fact]
    public void The_same_value_under_another_field_is_not_taken_for_it()
    {
        var hashes = new Dictionary<string, string> { ["video.sip.passwordSecretRef"] = Hasher.Hash("video.sip.passwordSecretRef", "\"x\"") };
        var applied = AppliedInputDigests.Decode(AppliedInputDigests.Encode(hashes));

        Assert.False(applied.IsUnchanged("voice.sip.passwordSecretRef", Hasher.Hash("voice.sip.passwordSecretRef", "\"x\"")));
        Assert.False(applied.IsUnchanged("video.recording.delivery.ftp.passwordSecretRef", Hasher.Hash("video.recording.delivery.ftp.passwordSecretRef", "\"x\"")));
        Assert.True(applied.IsUnchanged("video.sip.passwordSecretRef", Hasher.Hash("video.sip.passwordSecretRef", "\"x\"")));
    }

    [Fact]
    public void A_status_written_by_the_previous_version_reads_as_unchanged_and_migrates_to_the_same_compact_form()
    {
        // The previous version's status.appliedInputHashes for the same spec, salt and secrets.
        var legacy = new Dictionary<string, string>(FullSampleHashes());
        var current = FullSampleHashes();

        var migrated = AppliedInputDigests.Decode(null, legacy);

        Assert.True(migrated.Matches(current)); // nothing to PATCH after the upgrade
        Assert.Empty(migrated.ChangedFields(current));
        Assert.Equal(AppliedInputDigests.Encode(current), AppliedInputDigests.Encode(legacy)); // the migrating write
    }

    [Fact]
    public void A_status_written_by_the_previous_version_still_shows_a_changed_input()
    {
        var legacy = new Dictionary<string, string>(FullSampleHashes());
        var secrets = MappingFixtures.FullSecrets();
        var selector = SecretReferences.Collect(MappingFixtures.FullProject().Spec).Single(r => r.Field == "video.encryption.encryptionKeySecretRef").Selector;
        secrets[selector] = "new-key";

        Assert.Equal(["video.encryption.encryptionKeySecretRef"], AppliedInputDigests.Decode(null, legacy).ChangedFields(FullSampleHashes(secrets: secrets)));
    }

    [Fact]
    public void The_compact_form_wins_over_a_leftover_previous_map()
    {
        var current = FullSampleHashes();
        var stale = current.ToDictionary(pair => pair.Key, _ => Hasher.Hash("other", "\"stale\""));

        var applied = AppliedInputDigests.Decode(AppliedInputDigests.Encode(current), stale);

        Assert.True(applied.Matches(current));
    }

    [Fact]
    public void Nothing_in_status_means_every_input_is_applied_again()
    {
        var current = FullSampleHashes();

        Assert.Equal(current.Keys.Order(StringComparer.Ordinal), AppliedInputDigests.Decode(null).ChangedFields(current));
        Assert.Null(AppliedInputDigests.Encode(new Dictionary<string, string>()));
        Assert.True(AppliedInputDigests.Decode(null).Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("v1:abcdefgh")] // another format
    [InlineData("v2:abcdefg")] // not whole digests
    [InlineData("v2:abcdefg*")] // not base64url
    public void A_malformed_section_reads_as_empty_so_its_inputs_are_applied_again(string corrupt)
    {
        var current = FullSampleHashes();
        var status = AppliedInputDigests.Encode(current)! with { Sms = corrupt };

        var changed = AppliedInputDigests.Decode(status).ChangedFields(current);

        Assert.Equal(current.Keys.Where(path => path.StartsWith("sms.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), changed);
    }

    [Fact]
    public void Encoding_rejects_paths_outside_the_sections_and_values_that_are_not_hashes()
    {
        Assert.Throws<ArgumentException>(() => AppliedInputDigests.Encode(new Dictionary<string, string> { ["spec.x"] = Hasher.Hash("spec.x", "1") }));
        Assert.Throws<ArgumentException>(() => AppliedInputDigests.Encode(new Dictionary<string, string> { ["video.x"] = "plain value" }));
    }

    [Fact]
    public void The_full_sample_takes_one_short_line_per_section_and_a_fraction_of_the_previous_bytes()
    {
        var hashes = FullSampleHashes();
        var status = AppliedInputDigests.Encode(hashes)!;
        var sections = new[] { status.Video, status.Voice, status.Sms, status.Embed };

        // kubectl describe prints a heading and one line per string; the previous map printed one line per field.
        var describeLines = 1 + sections.Count(text => text is not null);
        Assert.True(describeLines <= 5, $"{describeLines} lines");
        Assert.True(hashes.Count > 100, $"{hashes.Count} fields"); // the sample exercises nearly every write-only field
        Assert.All(sections, text => Assert.Matches(AppliedInputDigestsStatus.SectionPattern, text!));
        Assert.Equal(hashes.Count * AppliedInputDigests.DigestLength, sections.Sum(text => text!.Length - "v2:".Length));

        var compactBytes = JsonSerializer.SerializeToUtf8Bytes(status).Length;
        var previousBytes = JsonSerializer.SerializeToUtf8Bytes(hashes).Length;
        Assert.True(compactBytes * 5 < previousBytes, $"{compactBytes} bytes now, {previousBytes} before");
    }

    [Fact]
    public void The_status_form_holds_no_secret_value_and_no_field_name()
    {
        var text = JsonSerializer.Serialize(AppliedInputDigests.Encode(FullSampleHashes()));

        Assert.All(MappingFixtures.FullSecrets().Values, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        Assert.DoesNotMatch(new Regex("SecretRef|password", RegexOptions.IgnoreCase), text);
    }
}
