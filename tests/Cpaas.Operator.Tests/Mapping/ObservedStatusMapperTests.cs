using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class ObservedStatusMapperTests
{
    [Fact]
    public void Suspended_at_with_a_non_UTC_offset_is_written_as_the_same_instant_in_UTC()
    {
        var observed = new ProjectDetails { Status = "suspended", SuspendedAt = new DateTimeOffset(2025, 3, 1, 14, 30, 5, TimeSpan.FromHours(5.5)) };

        var status = ObservedStatusMapper.ProjectStatus(observed, appliedEdit: null);

        Assert.Equal("2025-03-01T09:00:05Z", status.SuspendedAt);
    }

    [Fact]
    public void Suspended_at_in_UTC_keeps_the_Z_form()
    {
        Assert.Equal("2025-03-01T09:00:05Z", ObservedStatusMapper.Timestamp(new DateTimeOffset(2025, 3, 1, 9, 0, 5, TimeSpan.Zero)));
        Assert.Null(ObservedStatusMapper.Timestamp(null));
    }

    [Fact]
    public void A_new_project_is_active_and_its_services_are_those_of_the_add_request()
    {
        var add = new ProjectCreateRequest { ServicesIncl = new ServicesIncluded { Video = true, Sms = false, Voice = true } };

        Assert.Equal(new ProjectStatusInfo { Status = "active" }, ObservedStatusMapper.ProjectStatus(null, null));
        Assert.Equal(new ServicesStatus { Video = true, Sms = false, Voice = true }, ObservedStatusMapper.Services(null, null, add));
    }

    [Fact]
    public void What_this_reconcile_edited_wins_over_the_GET_made_before_the_edit()
    {
        var observed = new ProjectDetails { Status = "active", StatusEx = "Active", ServicesIncl = new ServicesIncluded { Video = true } };
        var edit = new ProjectUpdateRequest { Status = "suspended", ServicesIncl = new ServicesIncluded { Video = true, Sms = true, Voice = false } };

        Assert.Equal(new ProjectStatusInfo { Status = "suspended" }, ObservedStatusMapper.ProjectStatus(observed, edit));
        Assert.Equal(new ServicesStatus { Video = true, Sms = true, Voice = false }, ObservedStatusMapper.Services(observed, edit, new ProjectCreateRequest()));
    }

    [Fact]
    public void An_edit_that_only_changes_the_case_of_the_status_keeps_what_GET_said()
    {
        var observed = new ProjectDetails { Status = "Suspended", StatusEx = "Suspended by user" };

        Assert.Equal("Suspended by user", ObservedStatusMapper.ProjectStatus(observed, new ProjectUpdateRequest { Status = "suspended" }).StatusEx);
    }

    [Fact]
    public void Applied_input_hashes_are_read_and_written_in_one_place()
    {
        var hashes = new Dictionary<string, string> { ["embed.subdomain"] = "v1:" + new string('A', 22) };

        var status = AppliedInputStatusCodec.With(new CpaasProjectStatus(), hashes);

        Assert.True(AppliedInputStatusCodec.Read(status).Matches(hashes));
        Assert.Null(status.AppliedInputHashes);
        Assert.Equal("v2:AAAAAAAA", status.AppliedInputDigests!.Embed);
        Assert.Null(AppliedInputStatusCodec.With(status, new Dictionary<string, string>()).AppliedInputDigests);
        Assert.Equal(0, AppliedInputStatusCodec.Read(null).Count);
    }
}
