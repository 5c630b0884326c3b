using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Client.Models;
using Cpaas.Operator.Drift;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using k8s.Models;
using Cpaas.Operator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Operator.Tests.Reconciliation;

/// <summary>
/// docs/decisions/0042: what the reconcile path records about updated_at, read back the way the sweep reads it
/// (<see cref="ProjectAssessment"/>), through the unkind timings of a second-granular API.
/// </summary>
public sealed class ProjectUpdatedAtTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CpaasAccount Account = new("acct-1", "account-key", "https://api.example.test/cpaas");
    private static readonly KeyFingerprint Fingerprints = new([7]);

    private readonly FakeTimeProvider _time = new(Noon);
    private readonly List<string> _missedDrift = [];
    private readonly ProjectUpdatedAt _updatedAt;
    private readonly CpaasProject _resource = new()
    {
        Metadata = new V1ObjectMeta { Name = "desk", NamespaceProperty = "team-a" },
        Spec = new CpaasProjectSpec { CategoryId = "education" },
        Status = new CpaasProjectStatus { AppId = "app-1" },
    };

    public ProjectUpdatedAtTests() => _updatedAt = new ProjectUpdatedAt(_time, account => _missedDrift.Add(account.ApiId));

    private ObjectKey Key => ObjectKey.From(_resource);

    /// <summary>The sweep's view of the project, then its finding for the listed updated_at (no Edit-level difference).</summary>
    private IReadOnlySet<DriftFindingKind> SweepSees(DateTimeOffset listedUpdatedAt, DateTimeOffset? previousSweepServedAt = null)
    {
        var desired = DesiredEditFields.From(Summaries.Of(_resource));
        var managed = new ManagedProject(Key, _updatedAt.AtConverge(Summaries.Of(_resource)), desired, null, _updatedAt.LastOwnWriteAt(Key));
        var listed = new ProjectSummary
        {
            AppId = "app-1",
            AppName = desired.AppName,
            CategoryId = desired.CategoryId,
            ServicesIncl = desired.Services,
            UpdatedAt = listedUpdatedAt,
        };
        return ProjectAssessment.Assess(managed, listed, "acct-1", Fingerprints, previousSweepServedAt)?.Kinds ?? new HashSet<DriftFindingKind>();
    }

    [Fact]
    public void A_portal_edit_in_the_same_second_as_the_operators_PATCH_leaves_updated_at_where_the_GET_saw_it_and_is_still_checked()
    {
        // 12:00:00.2 GET shows 12:00:00; 12:00:00.5 the operator's PATCH; 12:00:00.8 a portal edit: updated_at stays 12:00:00.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _updatedAt.Converged(Key, Noon, wrote: true);

        Assert.Equal([DriftFindingKind.OwnWriteUnchecked], SweepSees(Noon));
    }

    [Fact]
    public void A_portal_edit_seconds_after_the_operators_PATCH_is_checked_not_taken_for_the_write()
    {
        _updatedAt.Converged(Key, Noon.AddMinutes(-30), wrote: true);

        Assert.Equal([DriftFindingKind.OwnWriteUnchecked], SweepSees(Noon.AddSeconds(3)));
    }

    [Fact]
    public void After_the_check_GET_the_project_is_not_asked_about_again()
    {
        _updatedAt.Converged(Key, Noon.AddMinutes(-30), wrote: true);
        _time.Advance(TimeSpan.FromMinutes(1));

        _updatedAt.Converged(Key, Noon.AddSeconds(3), wrote: false); // the check GET: nothing else to repair

        Assert.Null(_updatedAt.LastOwnWriteAt(Key));
        Assert.Equal(Noon.AddSeconds(3), _updatedAt.AtConverge(_resource));
        Assert.Empty(SweepSees(Noon.AddSeconds(3), previousSweepServedAt: Noon.AddMinutes(1)));
    }

    [Fact]
    public void A_check_GET_that_repairs_leaves_its_own_write_unchecked_until_the_next_sweep()
    {
        _updatedAt.Converged(Key, Noon.AddMinutes(-30), wrote: true);

        _updatedAt.Converged(Key, Noon.AddSeconds(3), wrote: true); // GET showed the portal edit, PATCH reverted it

        Assert.Equal([DriftFindingKind.OwnWriteUnchecked], SweepSees(Noon.AddSeconds(40)));
    }

    [Fact]
    public void A_reconcile_without_a_GET_keeps_what_the_last_GET_recorded()
    {
        _updatedAt.Converged(Key, Noon, wrote: false);

        _updatedAt.Converged(Key, null, wrote: false);

        Assert.Equal(Noon, _updatedAt.AtConverge(_resource));
        Assert.Empty(SweepSees(Noon));
    }

    [Fact]
    public void Drift_found_while_an_own_write_was_unchecked_is_not_missed_drift()
    {
        _updatedAt.Converged(Key, Noon, wrote: true);

        _updatedAt.DriftFound(_resource, Account, Noon);

        Assert.Empty(_missedDrift);
    }

    [Fact]
    public void Drift_found_with_updated_at_unmoved_and_no_write_unchecked_is_missed_drift()
    {
        _updatedAt.Converged(Key, Noon, wrote: false);

        _updatedAt.DriftFound(_resource, Account, Noon);
        _updatedAt.DriftFound(_resource, Account, Noon.AddSeconds(1)); // moved: the sweep could see it

        Assert.Equal(["acct-1"], _missedDrift);
    }
}
