using Controller.Runtime;
using Cpaas.Client.Models;
using Cpaas.Operator.Drift;

namespace Cpaas.Operator.Tests.Drift;

public sealed class ProjectAssessmentTests
{
    private static readonly DateTimeOffset Converged = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The previous sweep's start on the API's clock: a minute after the converge, in the default rows.</summary>
    private static readonly DateTimeOffset SweptAt = Converged.AddMinutes(1);
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

        // The operator's own writes are checked by one GET, never assumed (docs/decisions/0042).
        { "created and configured by the operator (no updated_at recorded yet)", Managed(ownWrite: Converged.AddSeconds(30)) with { UpdatedAtAtConverge = null }, Listed with { UpdatedAt = Converged.AddSeconds(31) }, "OwnWriteUnchecked" },
        { "moved by the operator's own write, a second later on the API's clock", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddSeconds(31) }, "OwnWriteUnchecked" },
        { "a portal edit seconds after the operator's PATCH", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddSeconds(33) }, "OwnWriteUnchecked" },
        { "own write in the same second as the GET before it: updated_at did not move", Managed(ownWrite: Converged.AddMilliseconds(400)), Listed, "OwnWriteUnchecked" },
        { "own write with the operator's clock minutes ahead of the API's", Managed(ownWrite: Converged.AddMinutes(10)), Listed with { UpdatedAt = Converged.AddSeconds(2) }, "OwnWriteUnchecked" },
        { "own write with the operator's clock minutes behind the API's", Managed(ownWrite: Converged.AddMinutes(-10)), Listed with { UpdatedAt = Converged.AddMinutes(5) }, "OwnWriteUnchecked" },
        { "own write, and an Edit field differs", Managed(ownWrite: Converged.AddSeconds(30)), Listed with { UpdatedAt = Converged.AddSeconds(31), Description = "x" }, "EditLevelDrift:description,OwnWriteUnchecked" },

        // A GET in the same second as the update it recorded (not older than the previous sweep's start): once more.
        { "recorded updated_at older than the previous sweep", Managed(), Listed, "" },
        { "recorded updated_at in the previous sweep's second", Managed(convergedAt: SweptAt), Listed with { UpdatedAt = SweptAt }, "UpdatedAtUnsettled" },
        { "recorded updated_at after the previous sweep started", Managed(convergedAt: SweptAt.AddSeconds(20)), Listed with { UpdatedAt = SweptAt.AddSeconds(20) }, "UpdatedAtUnsettled" },
        { "recorded updated_at a second before the previous sweep", Managed(convergedAt: SweptAt.AddSeconds(-1)), Listed with { UpdatedAt = SweptAt.AddSeconds(-1) }, "" },
    };

    [Fact]
    public void Without_the_apis_clock_an_unmoved_updated_at_is_never_taken_for_unsettled()
    {
        var recent = Managed(convergedAt: SweptAt.AddSeconds(20));

        var finding = ProjectAssessment.Assess(recent, Listed with { UpdatedAt = SweptAt.AddSeconds(20) }, "acct-1", Fingerprints, previousSweepServedAt: null);

        Assert.Null(finding);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_listed_project_is_assessed_against_what_its_resource_converged_to(string name, ManagedProject managed, ProjectSummary listed, string expected)
    {
        var finding = ProjectAssessment.Assess(managed, listed, "acct-1", Fingerprints, SweptAt);

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
