using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class ProjectDifferTests
{
    private static readonly WriteOnlyInputHasher Hasher = new("uid-of-full-demo");

    // The hashes status holds after the full sample was applied once.
    private static IReadOnlyDictionary<string, string> AppliedHashes(ProjectSections desired) =>
        ProjectDiffer.HashWriteOnlyInputs(desired, Hasher);

    private static ProjectPlan Diff(ProjectSections desired, ProjectSections actual, IReadOnlyDictionary<string, string>? applied) =>
        ProjectDiffer.Diff(desired, actual, AppliedHashes(desired), applied is null ? null : AppliedInputDigests.Decode(AppliedInputDigests.Encode(applied)));

    private static ProjectPlan DiffAgainstGet(ProjectSections desired, Action<JsonObject>? edit = null) =>
        Diff(
            desired,
            ProjectSections.FromGet(MappingFixtures.GetAfterApplying(desired, edit)),
            AppliedHashes(desired));

    [Fact]
    public void Nothing_changed_gives_no_PATCH_at_all()
    {
        var diff = DiffAgainstGet(MappingFixtures.FullDesired());

        Assert.False(diff.HasChanges);
        Assert.Empty(diff.ChangedFields);
        Assert.Equal(AppliedHashes(MappingFixtures.FullDesired()), ProjectDiffer.HashWriteOnlyInputs(MappingFixtures.FullDesired(), Hasher));
    }

    [Fact]
    public void One_readable_field_changed_out_of_band_gives_a_PATCH_with_only_that_key()
    {
        var diff = DiffAgainstGet(MappingFixtures.FullDesired(), get => get["video"]!["notification_url"] = "https://evil.example");

        Assert.Equal("""{"notification_url":"https://hooks.example.com/cpaas/video"}""", MappingFixtures.ToJson(diff.Sections.Video!).ToJsonString());
        Assert.Null(diff.Sections.Voice);
        Assert.Null(diff.Sections.Sms);
        Assert.Null(diff.Sections.Embed);
        Assert.Equal(["video.notificationUrl"], diff.ChangedFields);
    }

    [Fact]
    public void A_nested_readable_field_is_patched_at_its_PATCH_path_not_its_GET_path()
    {
        var diff = DiffAgainstGet(MappingFixtures.FullDesired(), get => get["video"]!["recording_delivery"]!["ftp"]!["host"] = "other.example");

        Assert.Equal(
            """{"recording":{"delivery":{"ftp":{"host":"ftp.example.com"}}}}""",
            MappingFixtures.ToJson(diff.Sections.Video!).ToJsonString());
        Assert.Equal(["video.recording.delivery.ftp.host"], diff.ChangedFields);
    }

    [Fact]
    public void Write_only_fields_unchanged_since_the_last_apply_give_no_PATCH()
    {
        var desired = MappingFixtures.FullDesired() with { Video = null, Voice = null, Sms = null };

        var diff = Diff(desired, ProjectSections.None, AppliedHashes(desired));

        Assert.Null(diff.Sections.Embed);
        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void A_rotated_secret_changes_its_hash_and_patches_only_that_field()
    {
        var before = MappingFixtures.FullDesired();
        var secrets = MappingFixtures.FullSecrets();
        secrets[new SecretKeySelector { Name = "full-demo-secrets", Key = "video-sip-password" }] = "rotated-password";
        var after = ProjectSections.FromSpec(MappingFixtures.FullProject().Spec, secrets);

        var diff = Diff(after, ProjectSections.FromGet(MappingFixtures.GetAfterApplying(before)), AppliedHashes(before));

        Assert.Equal("""{"sip":{"password":"rotated-password"}}""", MappingFixtures.ToJson(diff.Sections.Video!).ToJsonString());
        Assert.Equal(["video.sip.passwordSecretRef"], diff.ChangedFields);
        Assert.NotEqual(AppliedHashes(before)["video.sip.passwordSecretRef"], AppliedHashes(after)["video.sip.passwordSecretRef"]);
    }

    [Fact]
    public void Secret_fields_are_compared_by_hash_even_when_GET_shows_them()
    {
        // GET returns a different sip password than applied: it is not compared, so no PATCH.
        var diff = DiffAgainstGet(MappingFixtures.FullDesired(), get => get["video"]!["sip"]!["password"] = "something-else");

        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void Without_previous_hashes_every_write_only_field_is_applied()
    {
        var desired = MappingFixtures.FullDesired();

        var diff = Diff(desired, ProjectSections.FromGet(MappingFixtures.GetAfterApplying(desired)), null);

        var video = MappingFixtures.ToJson(diff.Sections.Video!);
        Assert.NotNull(video["encryption"]);
        Assert.NotNull(video["recording"]!["delivery"]!["s3"]);
        Assert.NotNull(video["recording"]!["delivery"]!["gdrive"]);
        Assert.NotNull(video["recording"]!["delivery"]!["azure"]);
        Assert.NotNull(video["sip"]!["password"]);
        Assert.Null(video["notification_url"]);
        Assert.NotNull(MappingFixtures.ToJson(diff.Sections.Voice!)["phone"]);
        Assert.NotNull(diff.Sections.Embed);
        Assert.Equal(MappingFixtures.ToJson(desired.Embed!).ToJsonString(), MappingFixtures.ToJson(diff.Sections.Embed!).ToJsonString());
    }

    [Fact]
    public void One_embed_option_changed_patches_only_that_option()
    {
        var project = MappingFixtures.FullProject();
        var before = ProjectSections.FromSpec(project.Spec, MappingFixtures.FullSecrets());
        var embed = project.Spec.Embed! with
        {
            Options = project.Spec.Embed.Options! with { Lobby = project.Spec.Embed.Options.Lobby! with { WaitTimeout = "300" } },
        };
        var after = before with { Embed = EmbedSpecMapper.ToPatch(embed) };

        var diff = Diff(after, ProjectSections.FromGet(MappingFixtures.GetAfterApplying(after)), AppliedHashes(before));

        Assert.Equal("""{"options":{"lobby":{"wait_timeout":"300"}}}""", MappingFixtures.ToJson(diff.Sections.Embed!).ToJsonString());
        Assert.Equal(["embed.options.lobby.waitTimeout"], diff.ChangedFields);
        Assert.Null(diff.Sections.Video);
    }

    [Fact]
    public void Fields_absent_from_spec_are_not_managed()
    {
        var desired = new ProjectSections(
            VideoSpecMapper.ToPatch(new VideoSpec { NotificationUrl = "https://n.example" }, new Dictionary<SecretKeySelector, string>()),
            null,
            null,
            null);

        // GET has many more video fields than the spec sets.
        var diff = Diff(desired, ProjectSections.FromGet(MappingFixtures.GetAfterApplying(
            MappingFixtures.FullDesired(), get => get["video"]!["notification_url"] = "https://n.example")), null);

        Assert.False(diff.HasChanges);
        Assert.Empty(AppliedHashes(desired));
    }

    [Fact]
    public void Arrays_are_compared_and_patched_whole()
    {
        var diff = DiffAgainstGet(MappingFixtures.FullDesired(), get =>
        {
            get["video"]!["sip"]!["sig_servers"] = new JsonArray("sig1.example.com", "sig3.example.com");
            get["video"]!["phone"]!.AsArray().Add(new JsonObject { ["phone"] = "123", ["toll"] = true });
        });

        var video = MappingFixtures.ToJson(diff.Sections.Video!);
        Assert.Equal("""["sig1.example.com","sig2.example.com"]""", video["sip"]!["sig_servers"]!.ToJsonString());
        Assert.Single(video["phone"]!.AsArray());
        Assert.Equal(["video.phone", "video.sip.sigServers"], diff.ChangedFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_section_missing_from_GET_is_patched_whole_including_its_write_only_fields()
    {
        var desired = MappingFixtures.FullDesired();

        var diff = Diff(desired, ProjectSections.FromGet(MappingFixtures.GetAfterApplying(desired, get => get.Remove("sms"))), AppliedHashes(desired));

        Assert.Equal(MappingFixtures.ToJson(desired.Sms!).ToJsonString(), MappingFixtures.ToJson(diff.Sections.Sms!).ToJsonString());
        Assert.Null(diff.Sections.Video);
    }

    [Fact]
    public void Numbers_compare_by_value()
    {
        var diff = DiffAgainstGet(MappingFixtures.FullDesired(), get => get["video"]!["recording"]!["watermark"]!["opacity"] = JsonValue.Create(0.50m));

        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void Hashes_are_keyed_by_spec_field_names_and_hold_no_values()
    {
        var desired = MappingFixtures.FullDesired();

        var hashes = AppliedHashes(desired);

        Assert.Contains("video.encryption.encryptionKeySecretRef", hashes.Keys);
        Assert.Contains("voice.phone", hashes.Keys);
        Assert.Contains("embed.options.toolbarSetup.floorControl.kebab", hashes.Keys);
        Assert.DoesNotContain("video.notificationUrl", hashes.Keys);
        Assert.All(hashes.Values, value => Assert.DoesNotContain("REPLACE_WITH", value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_diff_prints_field_names_never_values()
    {
        var diff = Diff(MappingFixtures.FullDesired(), ProjectSections.None, null);

        Assert.DoesNotContain("REPLACE_WITH", diff.ToString(), StringComparison.Ordinal);
        Assert.Contains("video.sip.passwordSecretRef", diff.ToString(), StringComparison.Ordinal);
    }
}
