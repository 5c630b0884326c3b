using Cpaas.Client;
using Cpaas.Client.Models;
using Cpaas.Operator.Drift;

namespace Cpaas.Operator.Tests.Drift;

public sealed class SweepPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    /// <summary>A page of projects whose updated_at are the given minutes after T0 (null: unreadable).</summary>
    private static ProjectPage Page(params int?[] minutes) => new(
        [.. minutes.Select((m, i) => new ProjectSummary { AppId = $"a{i}-{m}", UpdatedAt = m is { } v ? T0.AddMinutes(v) : null })],
        null);

    [Theory]
    [InlineData(10, new[] { 30, 20, 15 }, true)] // all newer than the cutoff (8): read on
    [InlineData(10, new[] { 30, 9, 8 }, true)] // oldest exactly at the cutoff: not older, read on
    [InlineData(10, new[] { 30, 9, 7 }, false)] // oldest below the cutoff: stop
    [InlineData(10, new[] { 8, 8, 8 }, true)] // many updates in the cutoff's second (ties): read on, the tie may go on
    [InlineData(10, new[] { 9, 9, 9 }, true)] // a whole page of one second after the cutoff: read on
    public void An_incremental_sweep_stops_after_the_first_page_older_than_the_cutoff(int previousSweepMinutes, int[] page, bool more)
    {
        var paging = new SweepPaging(T0.AddMinutes(previousSweepMinutes), Margin, ordered: true, requestedPageLength: 3);

        var (_, readOn) = paging.Accept(Page([.. page.Select(m => (int?)m)]));

        Assert.Equal(more, readOn);
        Assert.Null(paging.Problem);
    }

    [Fact]
    public void An_idle_fleet_right_after_a_burst_is_one_page_the_cutoff_is_the_previous_sweeps_time_not_the_newest_update()
    {
        // A burst of 9 projects in minute 0; the previous sweep started at minute 5 (margin 2): the burst is older
        // than the cutoff, so the first page (all burst) is the last one. With the newest update as the mark
        // (minute 0), every page of the burst would be read, every sweep.
        var paging = new SweepPaging(T0.AddMinutes(5), Margin, ordered: true, requestedPageLength: 3);

        Assert.False(paging.Accept(Page(0, 0, 0)).More);
        Assert.Equal(1, paging.Pages);
    }

    [Fact]
    public void The_sweeps_start_on_the_apis_clock_is_the_first_pages_Date()
    {
        var paging = new SweepPaging(null, Margin, ordered: true, requestedPageLength: 2);

        paging.Accept(Page(9, 8) with { ServedAt = T0.AddMinutes(20) });
        paging.Accept(Page(7, 6) with { ServedAt = T0.AddMinutes(21) });

        Assert.Equal(T0.AddMinutes(20), paging.FirstServedAt);
        Assert.Null(new SweepPaging(null, Margin, ordered: true, requestedPageLength: 2).FirstServedAt);
    }

    [Fact]
    public void Without_a_high_water_mark_every_page_is_read_until_a_short_page()
    {
        var paging = new SweepPaging(null, Margin, ordered: true, requestedPageLength: 2);

        Assert.True(paging.Accept(Page(9, 8)).More);
        Assert.True(paging.Accept(Page(2, 1)).More);
        Assert.False(paging.Accept(Page(0)).More);
        Assert.Equal((3, true), (paging.Pages, paging.ReadsEverything));
    }

    [Fact]
    public void The_servers_echoed_page_length_ends_the_list_when_none_was_asked_for()
    {
        var paging = new SweepPaging(null, Margin, ordered: true, requestedPageLength: null);
        var echoed = Page(5, 4) with { Search = new ProjectSearchEcho { PageLength = 3 } };

        Assert.False(paging.Accept(echoed).More);
    }

    [Fact]
    public void A_page_equal_to_the_one_before_ends_the_list_and_is_not_assessed_again()
    {
        var paging = new SweepPaging(null, Margin, ordered: false, requestedPageLength: null);

        Assert.True(paging.Accept(Page(5, 4)).More);
        var (projects, more) = paging.Accept(Page(5, 4));

        Assert.Empty(projects);
        Assert.False(more);
    }

    [Fact]
    public void An_unreadable_updated_at_makes_the_sweep_read_everything_and_names_the_reason()
    {
        var paging = new SweepPaging(T0.AddMinutes(10), Margin, ordered: true, requestedPageLength: 2);

        Assert.True(paging.Accept(Page(30, null)).More);
        Assert.True(paging.Accept(Page(1, 0)).More); // below the cutoff, but the sweep now reads to the end

        Assert.Equal(SweepFallbackReason.UnparseableUpdatedAt, paging.Problem);
        Assert.True(paging.ReadsEverything);
    }

    [Fact]
    public void Rising_updated_at_in_an_ordered_sweep_means_the_api_ignored_the_ordering()
    {
        var paging = new SweepPaging(T0.AddMinutes(100), Margin, ordered: true, requestedPageLength: 2);

        paging.Accept(Page(1, 2));

        Assert.Equal(SweepFallbackReason.NotOrdered, paging.Problem);
    }

    [Fact]
    public void A_newer_project_on_a_later_page_is_a_change_made_while_paging_not_a_broken_ordering()
    {
        var paging = new SweepPaging(null, Margin, ordered: true, requestedPageLength: 2);

        paging.Accept(Page(10, 9));
        paging.Accept(Page(12, 11));

        Assert.Null(paging.Problem);
    }

    [Fact]
    public void A_full_list_in_the_apis_own_order_is_not_checked_for_ordering()
    {
        var paging = new SweepPaging(null, Margin, ordered: false, requestedPageLength: 2);

        paging.Accept(Page(1, 2));

        Assert.Null(paging.Problem);
    }

    [Fact]
    public void Paging_never_runs_past_the_client_guard()
    {
        var paging = new SweepPaging(null, Margin, ordered: false, requestedPageLength: 1);
        var more = true;
        for (var i = 0; i < CpaasClientPaging.MaxPages && more; i++)
        {
            more = paging.Accept(Page(i)).More;
        }

        Assert.False(more);
        Assert.Equal(CpaasClientPaging.MaxPages, paging.Pages);
    }
}
