using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Operator.Drift;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Cpaas.Operator.Tests.Drift;

public sealed class DriftSweeperTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly CpaasAccount Account = new("acct-1", "account-key", "https://api.example.test/cpaas");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeProjectList _api = new();
    private readonly FakeManagedProjects _managed = new();
    private readonly KeyFingerprint _fingerprints = new();
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly ListLogger<DriftSweeper> _logger = new();
    private readonly DriftMetrics _metrics;
    private UpdatedAtTrust _trust = null!;
    private readonly DriftSweeper _sweeper;

    public DriftSweeperTests()
    {
        _metrics = new DriftMetrics(_registry);
        _api.Clock = _time.GetUtcNow; // The API's clock is the test's (a Date header on every page), unless a test says otherwise.
        _sweeper = Sweeper(new DriftSweepOptions());
    }

    /// <summary>A sweeper with its own <see cref="UpdatedAtTrust"/> (<see cref="_trust"/>), trusting again after <paramref name="trustAfter"/> (default an hour).</summary>
    private DriftSweeper Sweeper(DriftSweepOptions options, TimeSpan? trustAfter = null)
    {
        _trust = new UpdatedAtTrust(_metrics, _time, trustAfter ?? TimeSpan.FromHours(1));
        return new(_api, _managed, _managed, _fingerprints, _trust, _metrics, options, _time, _logger);
    }

    /// <summary>
    /// A converged fleet, each project managed (unless <paramref name="managed"/> says otherwise) with its description
    /// as specified: project i last changed <c>count - i</c> minutes before <see cref="Start"/>, so the newest a minute before.
    /// </summary>
    private void ConvergedFleet(int count, Func<int, bool>? managed = null)
    {
        for (var i = 0; i < count; i++)
        {
            var project = _api.Add($"app-{i:D4}", Start.AddMinutes(i - count), appKey: $"key-{i}", description: "as specified");
            if (managed?.Invoke(i) ?? true)
            {
                _managed.Converged(project, _fingerprints);
            }
        }
    }

    /// <summary>An out-of-band change as the API records it: a new description and updated_at of the fake clock's now.</summary>
    private void ChangeOutOfBand(string appId, string description = "changed in the portal") =>
        _api.Change(appId, p => p with { Description = description, UpdatedAt = _time.GetUtcNow() });

    private Task<SweepOutcome> SweepAsync() => _sweeper.SweepAsync(Account, CancellationToken.None);

    [Fact]
    public async Task An_idle_fleet_costs_one_list_request_per_sweep_after_the_first_full_one()
    {
        ConvergedFleet(200);

        var first = await SweepAsync();
        _api.Requests.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await SweepAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var third = await SweepAsync();

        Assert.Equal((11, true), (first.Pages, first.ReadEverything)); // 10 full pages of 20, then the empty 11th
        Assert.Equal(new SweepOutcome(1, 0, false), second);
        Assert.Equal(new SweepOutcome(1, 0, false), third);
        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, q => Assert.Equal((1, "updated_at", "desc"), (q.Page, q.OrderBy, q.OrderQualify)));
        Assert.Empty(_managed.Findings);
        Assert.Equal(3, _metrics.Sweeps.WithLabels("acct-1", "complete").Value);
        Assert.DoesNotContain(_logger.Lines, l => l.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task A_sweep_pages_until_a_page_is_older_than_the_previous_sweeps_start_less_the_margin()
    {
        ConvergedFleet(200);
        await SweepAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 30; i++)
        {
            ChangeOutOfBand($"app-{i:D4}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        _api.Requests.Clear();
        var outcome = await SweepAsync();

        // Page 1: 20 changed; page 2: 10 changed and 10 older than the cutoff, so the sweep stops there.
        Assert.Equal(new SweepOutcome(2, 30, false), outcome);
        Assert.Equal(30, _managed.Findings.Select(f => f.AppId).Distinct().Count());
        Assert.All(_managed.Findings, f => Assert.True(f.Has(DriftFindingKind.ChangedSinceConverge) && f.Has(DriftFindingKind.EditLevelDrift)));
        Assert.Equal(Start.AddMinutes(10).AddSeconds(30), _sweeper.PreviousSweepAt(Account));
    }

    [Theory]
    [InlineData(-1, true)] // stamped by an API server whose clock is a minute behind: inside the 2-minute margin, read
    [InlineData(-3, false)] // three minutes behind: after a page below the cutoff, not read (the full observe's job)
    public async Task A_change_stamped_before_the_previous_sweep_started_is_read_within_the_margin(int minutesBehind, bool read)
    {
        _api.DefaultPageLength = 1;
        ConvergedFleet(5);
        foreach (var (appId, minutes) in new[] { ("app-0004", 9.9), ("app-0003", 9.5), ("app-0001", 7.5) })
        {
            _api.Change(appId, p => p with { UpdatedAt = Start.AddMinutes(minutes) });
            _managed.Converged(_api.Projects.Single(p => p.AppId == appId), _fingerprints);
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        await SweepAsync();

        _time.Advance(TimeSpan.FromMinutes(1));
        _api.Change("app-0002", p => p with { Description = "skewed clock", UpdatedAt = Start.AddMinutes(10 + minutesBehind) });
        await SweepAsync();

        Assert.Equal(Start.AddMinutes(11), _sweeper.PreviousSweepAt(Account));
        Assert.Equal(read, _managed.Findings.Any(f => f.AppId == "app-0002"));
    }

    [Theory]
    [InlineData(120, 3)] // the default margin: the sweeps that start within the margin of the burst read it again, then one page
    [InlineData(0, 1)] // no margin: the sweep right after the burst's own sweep is one page
    public async Task An_idle_fleet_right_after_a_burst_costs_one_list_request_per_sweep_once_the_margin_passed(int marginSeconds, int sweepsThatReadTheBurst)
    {
        var sweeper = Sweeper(new DriftSweepOptions { Margin = TimeSpan.FromSeconds(marginSeconds) });
        ConvergedFleet(100);
        await sweeper.SweepAsync(Account, CancellationToken.None);

        // A burst: 100 writes of the operator stamped within one second (many updates in one second, ties in the
        // ordering), not checked yet.
        _time.Advance(TimeSpan.FromSeconds(30.2));
        foreach (var project in _api.Projects.ToList())
        {
            var managed = _managed.Converged(project, _fingerprints) with { LastOwnWriteAt = _time.GetUtcNow() };
            _managed.Manage(project.AppId!, managed);
            _api.Change(project.AppId!, p => p with { UpdatedAt = FakeProjectList.WholeSeconds(_time.GetUtcNow()) });
        }

        var pages = new List<int>();
        var findings = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            pages.Add((await sweeper.SweepAsync(Account, CancellationToken.None)).Pages);
            findings.Add(_managed.Findings.Count);
            foreach (var finding in _managed.Findings)
            {
                // The check GET the finding asked for records what it showed and clears the unchecked write.
                _managed.Converged(_api.Projects.Single(p => p.AppId == finding.AppId), _fingerprints);
            }

            _managed.Findings.Clear();
        }

        // 100 projects, 20 a page: a sweep that reads the burst reads 5 pages and the empty 6th. One GET per write.
        Assert.Equal([.. Enumerable.Repeat(6, sweepsThatReadTheBurst), .. Enumerable.Repeat(1, 8 - sweepsThatReadTheBurst)], pages);
        Assert.Equal([100, 0, 0, 0, 0, 0, 0, 0], findings);
    }

    [Fact]
    public async Task The_cutoff_is_on_the_apis_clock_so_an_operator_clock_ahead_of_the_api_misses_nothing()
    {
        // The API's clock is 10 minutes behind the operator's: a cutoff on the operator's clock (now - 2 min) would be
        // 8 minutes after every change the API stamps from now on.
        var behind = TimeSpan.FromMinutes(10);
        _api.Clock = () => _time.GetUtcNow() - behind;
        ConvergedFleet(100);
        foreach (var project in _api.Projects.ToList())
        {
            // Stamped on the API's clock.
            _api.Change(project.AppId!, p => p with { UpdatedAt = p.UpdatedAt - behind });
            _managed.Converged(_api.Projects.Single(p => p.AppId == project.AppId), _fingerprints);
        }

        await SweepAsync();

        _time.Advance(TimeSpan.FromMinutes(1));
        _api.Change("app-0000", p => p with { Description = "portal", UpdatedAt = FakeProjectList.WholeSeconds(_time.GetUtcNow() - behind) });
        var outcome = await SweepAsync();

        Assert.Equal(["app-0000"], _managed.Findings.Select(f => f.AppId));
        Assert.Equal(1, outcome.Pages);
        Assert.Equal(FakeProjectList.WholeSeconds(_time.GetUtcNow() - behind), _sweeper.PreviousSweepAt(Account));
    }

    [Fact]
    public async Task Without_a_Date_header_the_operators_clock_at_the_start_is_the_sweeps_time()
    {
        _api.Clock = null;
        ConvergedFleet(10);
        _time.Advance(TimeSpan.FromSeconds(0.7));

        await SweepAsync();

        Assert.Equal(Start.AddSeconds(0.7), _sweeper.PreviousSweepAt(Account));
    }

    [Fact]
    public async Task A_project_changed_while_the_sweep_pages_and_moved_above_the_page_being_read_is_found_by_the_next_sweep()
    {
        _api.DefaultPageLength = 2;
        ConvergedFleet(6);
        await SweepAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        ChangeOutOfBand("app-0005");
        _api.BeforeRequest = n =>
        {
            if (n == _api.Requests.Count && _api.Requests[^1].Page == 2)
            {
                // After page 1 was read: app-0001 (page 3 by now) moves to the top, above the pages already read.
                _time.Advance(TimeSpan.FromSeconds(1));
                ChangeOutOfBand("app-0001");
            }
        };

        await SweepAsync();
        var first = _managed.Findings.Select(f => f.AppId).ToList();
        _api.BeforeRequest = null;
        _managed.Findings.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();

        Assert.Equal(["app-0005"], first);
        Assert.Contains("app-0001", _managed.Findings.Select(f => f.AppId));
    }

    [Fact]
    public async Task Projects_no_resource_of_this_shard_manages_are_ignored()
    {
        ConvergedFleet(10, managed: i => i % 2 == 0);
        await SweepAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        ChangeOutOfBand("app-0001");
        ChangeOutOfBand("app-0002");
        await SweepAsync();

        Assert.Equal(["app-0002"], _managed.Findings.Select(f => f.AppId));
    }

    [Fact]
    public async Task A_failed_sweep_leaves_the_high_water_mark_and_the_next_one_reads_from_there()
    {
        _api.DefaultPageLength = 5;
        ConvergedFleet(20);
        await SweepAsync();
        var mark = _sweeper.PreviousSweepAt(Account);
        _time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 8; i++)
        {
            ChangeOutOfBand($"app-{i:D4}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        _api.FailRequest = _api.Requests.Count + 2;
        await Assert.ThrowsAsync<CpaasApiException>(SweepAsync);
        var afterFailure = _sweeper.PreviousSweepAt(Account);
        _managed.Findings.Clear();
        var retried = await SweepAsync();

        Assert.Equal(mark, afterFailure);
        Assert.Equal(8, _managed.Findings.Count);
        Assert.Equal(3, retried.Pages); // 5 changed; 3 changed and 2 within the margin; then 5 older than the cutoff
        Assert.Equal(1, _metrics.Sweeps.WithLabels("acct-1", "failed").Value);
    }

    [Fact]
    public async Task When_the_api_refuses_ordering_by_updated_at_every_sweep_reads_every_page_and_says_so_once()
    {
        _api.RefuseUpdatedAtOrdering = true;
        ConvergedFleet(50);

        var first = await SweepAsync();
        _api.Requests.Clear();
        var second = await SweepAsync();

        Assert.Equal(SweepFallbackReason.OrderingRefused, _sweeper.Fallback(Account));
        Assert.Equal((4, true), (first.Pages, first.ReadEverything)); // the refused request, then 3 pages of 20/20/10
        Assert.Equal((3, true), (second.Pages, second.ReadEverything));
        Assert.All(_api.Requests, q => Assert.Null(q.OrderBy));
        Assert.Equal(1, _metrics.FullList.WithLabels("acct-1").Value);
        Assert.Equal(1, _metrics.Fallbacks.WithLabels("acct-1", "ordering_refused").Value);
        Assert.Single(_logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("refused order_by=updated_at", _logger.Lines.Single(l => l.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_project_without_a_readable_updated_at_turns_the_account_to_full_lists()
    {
        ConvergedFleet(60);
        _api.Change("app-0030", p => p with { UpdatedAt = null });

        await SweepAsync();
        _api.Requests.Clear();
        var next = await SweepAsync();

        Assert.Equal(SweepFallbackReason.UnparseableUpdatedAt, _sweeper.Fallback(Account));
        Assert.Equal((4, true), (next.Pages, next.ReadEverything)); // 20, 20, 20, then the empty page
        Assert.All(_api.Requests, q => Assert.Null(q.OrderBy));
        Assert.Equal(1, _metrics.Fallbacks.WithLabels("acct-1", "unparseable_updated_at").Value);
    }

    [Fact]
    public async Task A_list_that_ignores_the_ordering_is_detected_and_read_in_full()
    {
        _api.IgnoreOrdering = true;
        ConvergedFleet(30);
        ChangeOutOfBand("app-0000");

        await SweepAsync();

        Assert.Equal(SweepFallbackReason.NotOrdered, _sweeper.Fallback(Account));
        Assert.Equal(["app-0000"], _managed.Findings.Select(f => f.AppId));
    }

    [Fact]
    public async Task Drift_missed_by_the_sweep_is_counted_warned_once_and_turns_the_account_to_full_lists()
    {
        ConvergedFleet(45);
        await SweepAsync();

        _trust.MarkUnreliable(Account);
        _trust.MarkUnreliable(Account);
        _api.Requests.Clear();
        var next = await SweepAsync();

        Assert.Equal(2, _metrics.MissedDrift.WithLabels("acct-1").Value);
        Assert.Equal(SweepFallbackReason.MissedDrift, _sweeper.Fallback(Account));
        Assert.Single(_logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Equal((3, true), (next.Pages, next.ReadEverything));
    }

    [Fact]
    public async Task After_missed_drift_the_account_is_trusted_again_once_a_full_observe_interval_passed_without_another()
    {
        var sweeper = Sweeper(new DriftSweepOptions(), TimeSpan.FromMinutes(60));
        ConvergedFleet(45);
        await sweeper.SweepAsync(Account, CancellationToken.None);
        _trust.MarkUnreliable(Account);

        var outcomes = new List<(int Minute, int Pages, bool ReadEverything)>();
        for (var minute = 1; minute <= 100; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            if (minute == 30)
            {
                _trust.MarkUnreliable(Account); // a second report restarts the interval: trusted from minute 90
            }

            var outcome = await sweeper.SweepAsync(Account, CancellationToken.None);
            outcomes.Add((minute, outcome.Pages, outcome.ReadEverything));
        }

        Assert.All(outcomes.Where(o => o.Minute < 90), o => Assert.Equal((3, true), (o.Pages, o.ReadEverything)));
        Assert.All(outcomes.Where(o => o.Minute >= 90), o => Assert.Equal((1, false), (o.Pages, o.ReadEverything)));
        Assert.Null(sweeper.Fallback(Account));
        Assert.Equal(0, _metrics.FullList.WithLabels("acct-1").Value);
        Assert.Single(_logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Single(_logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("trust updated_at again", StringComparison.Ordinal));
        Assert.Equal(2, _metrics.MissedDrift.WithLabels("acct-1").Value);
    }

    [Fact]
    public async Task Missed_drift_after_trust_was_regained_falls_back_again_and_says_so_again()
    {
        var sweeper = Sweeper(new DriftSweepOptions(), TimeSpan.FromMinutes(10));
        ConvergedFleet(45);
        _trust.MarkUnreliable(Account);
        await sweeper.SweepAsync(Account, CancellationToken.None); // falls back: the first warning
        _time.Advance(TimeSpan.FromMinutes(11));
        await sweeper.SweepAsync(Account, CancellationToken.None); // trusted again
        Assert.Null(sweeper.Fallback(Account));

        _trust.MarkUnreliable(Account);
        var next = await sweeper.SweepAsync(Account, CancellationToken.None);

        Assert.Equal(SweepFallbackReason.MissedDrift, sweeper.Fallback(Account));
        Assert.True(next.ReadEverything);
        Assert.Equal(2, _logger.Lines.Count(l => l.Level == LogLevel.Warning));
    }

    [Fact]
    public async Task A_fallback_that_describes_the_apis_list_is_never_undone()
    {
        var sweeper = Sweeper(new DriftSweepOptions(), TimeSpan.FromMinutes(1));
        _api.RefuseUpdatedAtOrdering = true;
        ConvergedFleet(5);
        await sweeper.SweepAsync(Account, CancellationToken.None);
        _trust.MarkUnreliable(Account);

        _time.Advance(TimeSpan.FromMinutes(5));
        var later = await sweeper.SweepAsync(Account, CancellationToken.None);

        Assert.Equal(SweepFallbackReason.OrderingRefused, sweeper.Fallback(Account));
        Assert.True(later.ReadEverything);
    }

    [Fact]
    public async Task The_operators_own_write_is_checked_by_one_GET_then_never_asked_again()
    {
        ConvergedFleet(5);
        await SweepAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        var written = _api.Projects.Single(p => p.AppId == "app-0002");
        _managed.Manage("app-0002", _managed.Converged(written, _fingerprints) with { LastOwnWriteAt = _time.GetUtcNow() });
        _api.Change("app-0002", p => p with { UpdatedAt = FakeProjectList.WholeSeconds(_time.GetUtcNow()) });

        _time.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();
        var checkedFinding = Assert.Single(_managed.Findings);
        // The check GET records what it showed and clears the unchecked write.
        _managed.Converged(_api.Projects.Single(p => p.AppId == "app-0002"), _fingerprints);
        _managed.Findings.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();

        Assert.Equal([DriftFindingKind.OwnWriteUnchecked], checkedFinding.Kinds);
        Assert.Empty(_managed.Findings);
        Assert.Equal(1, _metrics.Findings.WithLabels("acct-1", "own_write_unchecked").Value);
    }

    [Fact]
    public async Task An_out_of_band_key_reset_is_reported_without_the_key()
    {
        ConvergedFleet(3);
        await SweepAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        _api.Change("app-0001", p => p with { AppKey = "reset-in-the-portal", UpdatedAt = _time.GetUtcNow() });

        await SweepAsync();

        var finding = Assert.Single(_managed.Findings);
        Assert.True(finding.Has(DriftFindingKind.KeyChangedOutOfBand));
        Assert.True(finding.Has(DriftFindingKind.ChangedSinceConverge));
        Assert.DoesNotContain("reset-in-the-portal", finding.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _metrics.Findings.WithLabels("acct-1", "key_changed_out_of_band").Value);
    }

    [Fact]
    public async Task Findings_are_reported_once_per_project_even_when_a_change_during_the_sweep_repeats_it_on_the_next_page()
    {
        _api.DefaultPageLength = 2;
        ConvergedFleet(6);
        _api.Change("app-0004", p => p with { Description = "drifted" });
        _api.Change("app-0003", p => p with { Description = "drifted" });
        _api.BeforeRequest = n =>
        {
            if (n == 2)
            {
                // Moves to the top: page 2 now starts with app-0004, already read on page 1.
                _api.Change("app-0000", p => p with { UpdatedAt = Start.AddHours(1) });
            }
        };

        await SweepAsync();

        Assert.Equal(["app-0004", "app-0003"], _managed.Findings.Select(f => f.AppId));
    }
}
