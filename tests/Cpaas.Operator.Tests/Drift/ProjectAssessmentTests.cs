using Controller.Runtime;
using Cpaas.Client.Models;
using Cpaas.Operator.Drift;

namespace Cpaas.Operator.Tests.Drift;

public sealed class ProjectAssessmentTests
{
    private static readonly DateTimeOffset Converged = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);
    private static readonly KeyFingerprint Fingerprints = new([1, 2, 3]);

    private static readonly ProjectSummary Listed = new()
    {
        AppId = "app-1",
        AppName = "support-desk",
        AppKey = "key-now",
        CategoryId = "education",
        ShortDesc = "short",
        Description = "long",
        Status = "active",
        ServicesIncl = new ServicesIncluded { Video = true, Sms = false, Voice = true },
        UpdatedAt = Converged,
    };

    private static readonly DesiredEditFields Desired = new()
    {
        AppName = "support-desk",
        CategoryId = "education",
        ShortDesc = "short",
        Description = "long",
        Status = "active",
        Services = new ServicesIncluded { Video = true, Sms = false, Voice = true },
    };

    private static ManagedProject Managed(DesiredEditFields? desired = null, DateTimeOffset? convergedAt = null, string key = "key-now", DateTimeOffset? ownWrite = null) =>
        new(new ObjectKey("team-a", "desk"), convergedAt ?? Converged, desired ?? Desired, Fingerprints.Of(key), ownWrite);

    public static TheoryData<string, ManagedProject, ProjectSummary, string> Cases => new()
    {
        { "converged", Managed(), Listed, "" },
        { "description changed", Managed(), Listed with { Description = "portal text" }, "EditLevelDrift:description" },
        { "renamed and suspended", Managed(), Listed with { AppName = "x", Status = "suspended" }, "EditLevelDrift:appName,suspended" },
        { "status differs only in case", Managed(), Listed with { Status = "Active" }, "" },
        { "a service switched off", Managed(), Listed with { ServicesIncl = new ServicesIncluded { Video = true } }, "EditLevelDrift:servicesIncluded" },
        { "unmanaged description", Managed(Desired with { Description = null }), Listed with { Description = "anything" }, "" },
        { "updated_at moved", Managed(), Listed with { UpdatedAt = Converged.AddSeconds(1) }, "ChangedSinceConverge" },
        { "updated_at older than recorded", Managed(), Listed with { UpdatedAt = Converged.AddSeconds(-1) }, "" },
        { "no updated_at recorded yet", Managed() with { UpdatedAtAtConverge = null }, Listed, "ChangedSinceConverge" },
        { "no readable updated_at listed", Managed(), Listed with { UpdatedAt = null }, "" },
        { "key reset out of band", Managed(key: "key-before"), Listed, "KeyChangedOutOfBand" },
        { "key unknown to the cache", Managed() with { KeyFingerprint = null }, Listed with { AppKey = "other" }, "" },
        { "created and configured by the operator (no updated_at recorded yet)", Managed(ownWrite: Converged.AddSeconds(30)) with { UpdatedAtAtConverge = null }, Listed with { UpdatedAt = Converged.AddSeconds(31) }, "UpdatedByOwnWrite" },
        { "no updated_at recorded, written by the operator long before", Managed(ownWrite: Converged.AddMinutes(-10)) with { UpdatedAtAtConverge = null }, Listed, "ChangedSinceConverge" },
        { "moved by the operator's own write", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddSeconds(31) }, "UpdatedByOwnWrite" },
        { "moved well after the own write", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddMinutes(10) }, "ChangedSinceConverge" },
        { "own write, but an Edit field differs", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddSeconds(31), Description = "x" }, "EditLevelDrift:description,ChangedSinceConverge" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_listed_project_is_assessed_against_what_its_resource_converged_to(string name, ManagedProject managed, ProjectSummary listed, string expected)
    {
        var finding = ProjectAssessment.Assess(managed, listed, "acct-1", Fingerprints, Margin);

        var actual = finding is null
            ? string.Empty
            : string.Join(',', finding.Kinds.Order().Select(k => k == DriftFindingKind.EditLevelDrift ? $"{k}:{string.Join(',', finding.ChangedFields)}" : k.ToString()));
        Assert.True(expected == actual, $"{name}: expected '{expected}', got '{actual}'");
    }

    [Fact]
    public void Fingerprints_tell_keys_apart_and_never_contain_them()
    {
        var fingerprints = new KeyFingerprint();

        Assert.Equal(fingerprints.Of("key-a"), fingerprints.Of("key-a"));
        Assert.NotEqual(fingerprints.Of("key-a"), fingerprints.Of("key-b"));
        Assert.NotEqual(fingerprints.Of("key-a"), new KeyFingerprint().Of("key-a"));
        Assert.DoesNotContain("key-a", fingerprints.Of("key-a"), StringComparison.Ordinal);
    }
}
