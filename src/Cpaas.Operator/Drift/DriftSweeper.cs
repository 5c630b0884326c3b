using System.Collections.Concurrent;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Sweeps one account: lists its projects most recently changed first, page by page (<see cref="SweepPaging"/>),
/// assesses each one a resource of this shard manages (<see cref="ProjectAssessment"/>) and reports what needs
/// attention. Keeps per account when its last complete sweep started (on the API's clock where the Date header tells)
/// and whether its updated_at can be trusted; a failed sweep leaves both as they were. See
/// docs/decisions/0040-drift-sweep.md and 0042-sweep-checks-own-writes-and-regains-trust.md.
/// </summary>
public sealed partial class DriftSweeper
{
    private readonly ConcurrentDictionary<(string BaseUrl, string ApiId), AccountSweepState> _accounts = new();
    private readonly ICpaasClient _client;
    private readonly IManagedProjects _managed;
    private readonly IDriftFindingSink _sink;
    private readonly KeyFingerprint _fingerprints;
    private readonly UpdatedAtTrust _trust;
    private readonly DriftMetrics _metrics;
    private readonly DriftSweepOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DriftSweeper> _logger;

    public DriftSweeper(
        ICpaasClient client,
        IManagedProjects managed,
        IDriftFindingSink sink,
        KeyFingerprint fingerprints,
        UpdatedAtTrust trust,
        DriftMetrics metrics,
        DriftSweepOptions options,
        TimeProvider time,
        ILogger<DriftSweeper> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _managed = managed ?? throw new ArgumentNullException(nameof(managed));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _fingerprints = fingerprints ?? throw new ArgumentNullException(nameof(fingerprints));
        _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The label that names an account in metrics, logs and findings: its api_id.</summary>
    public static string AccountLabel(CpaasAccount account) => (account ?? throw new ArgumentNullException(nameof(account))).ApiId;

    /// <summary>When the account's last complete sweep started (its first page's Date, else this process's clock); null before the first.</summary>
    public DateTimeOffset? PreviousSweepAt(CpaasAccount account) => State(account).SweptAt;

    /// <summary>Why the account's sweeps read every page; null while they stop at the high-water mark.</summary>
    public SweepFallbackReason? Fallback(CpaasAccount account) =>
        State(account).Fallback ?? (_trust.IsUnreliable(account) ? SweepFallbackReason.MissedDrift : null);

    /// <summary>
    /// Sweeps the account once. Projects needing attention are reported to the sink as they are found.
    /// </summary>
    /// <exception cref="CpaasApiException">A list request failed; the high-water mark stays where it was.</exception>
    public async Task<SweepOutcome> SweepAsync(CpaasAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var label = AccountLabel(account);
        var state = State(account);
        var started = _time.GetTimestamp();
        try
        {
            var outcome = await ListAsync(account, label, state, cancellationToken);
            var elapsed = _time.GetElapsedTime(started);
            _metrics.Sweeps.WithLabels(label, "complete").Inc();
            _metrics.Pages.WithLabels(label).Observe(outcome.Pages);
            _metrics.LastDuration.WithLabels(label).Set(elapsed.TotalSeconds);
            _metrics.LastCompleted.WithLabels(label).Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            if (outcome.Findings > 0)
            {
                LogSweptWithFindings(_logger, label, outcome.Pages, outcome.Findings, elapsed.TotalMilliseconds);
            }
            else
            {
                LogSwept(_logger, label, outcome.Pages, elapsed.TotalMilliseconds);
            }

            return outcome;
        }
        catch (CpaasApiException)
        {
            _metrics.Sweeps.WithLabels(label, "failed").Inc();
            throw;
        }
    }

    private async Task<SweepOutcome> ListAsync(CpaasAccount account, string label, AccountSweepState state, CancellationToken cancellationToken)
    {
        // A missed-drift report (UpdatedAtTrust) makes the account read every page until it is trusted again.
        if (_trust.IsUnreliable(account))
        {
            FallBack(state, label, SweepFallbackReason.MissedDrift);
        }
        else
        {
            RegainTrustIfDue(state, label);
        }

        var pageLength = _options.PageLength;
        var startedAt = _time.GetUtcNow();
        var previousSweepAt = state.SweptAt;
        var previousOnApiClock = state.SweptAtOnApiClock ? previousSweepAt : null;
        var paging = new SweepPaging(previousSweepAt, _options.Margin, ordered: state.Fallback is null, pageLength);
        var assessed = new HashSet<string>(StringComparer.Ordinal);
        var findings = 0;
        var pages = 0;
        for (var page = 1; ; page++)
        {
            ProjectPage result;
            try
            {
                var query = paging.Ordered
                    ? ProjectListQuery.RecentlyUpdatedFirst(page, pageLength)
                    : new ProjectListQuery { Page = page, PageLength = pageLength };
                pages++;
                result = await _client.ListProjectsAsync(account, query, cancellationToken);
            }
            catch (CpaasApiException refused) when (paging.Ordered && page == 1 && refused.Kind == CpaasErrorKind.InvalidInput)
            {
                FallBack(state, label, SweepFallbackReason.OrderingRefused);
                paging = new SweepPaging(previousSweepAt, _options.Margin, ordered: false, pageLength);
                page = 0;
                continue;
            }

            var (projects, more) = paging.Accept(result);
            foreach (var listed in projects)
            {
                if (listed.AppId is not { Length: > 0 } appId || !assessed.Add(appId) ||
                    await _managed.FindAsync(account, appId, cancellationToken) is not { } managed)
                {
                    continue;
                }

                if (ProjectAssessment.Assess(managed, listed, label, _fingerprints, previousOnApiClock) is { } finding)
                {
                    findings++;
                    foreach (var kind in finding.Kinds)
                    {
                        _metrics.Findings.WithLabels(label, KindLabel(kind)).Inc();
                    }

                    _sink.Report(finding);
                }
            }

            if (!more)
            {
                break;
            }
        }

        if (paging.Problem is { } problem)
        {
            FallBack(state, label, problem);
        }

        // Complete, ordered or not: every change before this sweep's first page was listed. The API's clock when it
        // says (a Date header), else this process's at the start; the margin covers the difference then.
        state.SweptAt = paging.FirstServedAt ?? startedAt;
        state.SweptAtOnApiClock = paging.FirstServedAt is not null;

        return new SweepOutcome(pages, findings, paging.ReadsEverything);
    }

    private void FallBack(AccountSweepState state, string label, SweepFallbackReason reason)
    {
        lock (state)
        {
            if (state.Fallback is not null)
            {
                return;
            }

            state.Fallback = reason;
        }

        _metrics.FullList.WithLabels(label).Set(1);
        _metrics.Fallbacks.WithLabels(label, ReasonLabel(reason)).Inc();
        LogFallback(_logger, label, ReasonText(reason));
    }

    /// <summary>A missed-drift fallback ends once a whole full-observe interval passed without another report.</summary>
    /// <summary>The account's missed-drift window has passed (<see cref="UpdatedAtTrust"/>): its sweeps stop early again.</summary>
    private void RegainTrustIfDue(AccountSweepState state, string label)
    {
        lock (state)
        {
            if (state.Fallback != SweepFallbackReason.MissedDrift)
            {
                return;
            }

            state.Fallback = null;
        }

        _metrics.FullList.WithLabels(label).Set(0);
        LogTrustRegained(_logger, label, _trust.TrustAfter);
    }

    private AccountSweepState State(CpaasAccount account) =>
        _accounts.GetOrAdd((account.BaseUrl.AbsoluteUri, account.ApiId), static _ => new AccountSweepState());

    internal static string KindLabel(DriftFindingKind kind) => kind switch
    {
        DriftFindingKind.EditLevelDrift => "edit_level_drift",
        DriftFindingKind.ChangedSinceConverge => "changed_since_converge",
        DriftFindingKind.KeyChangedOutOfBand => "key_changed_out_of_band",
        DriftFindingKind.OwnWriteUnchecked => "own_write_unchecked",
        DriftFindingKind.UpdatedAtUnsettled => "updated_at_unsettled",
        _ => "unknown",
    };

    private static string ReasonLabel(SweepFallbackReason reason) => reason switch
    {
        SweepFallbackReason.OrderingRefused => "ordering_refused",
        SweepFallbackReason.NotOrdered => "not_ordered",
        SweepFallbackReason.UnparseableUpdatedAt => "unparseable_updated_at",
        SweepFallbackReason.MissedDrift => "missed_drift",
        _ => "unknown",
    };

    private static string ReasonText(SweepFallbackReason reason) => reason switch
    {
        SweepFallbackReason.OrderingRefused => "the API refused order_by=updated_at",
        SweepFallbackReason.NotOrdered => "the API did not list projects by updated_at descending",
        SweepFallbackReason.UnparseableUpdatedAt => "a listed project had no readable updated_at",
        SweepFallbackReason.MissedDrift => "a full observe found drift that updated_at did not show",
        _ => reason.ToString(),
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Drift sweep of account {Account}: {Pages} page(s), nothing to do, {DurationMs:F0} ms")]
    private static partial void LogSwept(ILogger logger, string account, int pages, double durationMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Drift sweep of account {Account}: {Pages} page(s), {Findings} project(s) need attention, {DurationMs:F0} ms")]
    private static partial void LogSweptWithFindings(ILogger logger, string account, int pages, int findings, double durationMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Drift sweeps of account {Account} now read every page of the project list, because {Reason}; full observes remain the safety net. See docs/decisions/0040-drift-sweep.md")]
    private static partial void LogFallback(ILogger logger, string account, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Drift sweeps of account {Account} trust updated_at again: no full observe found missed drift for {TrustAfter}. See docs/decisions/0042-sweep-checks-own-writes-and-regains-trust.md")]
    private static partial void LogTrustRegained(ILogger logger, string account, TimeSpan trustAfter);

    /// <summary>Per account: written by its sweeps (one at a time).</summary>
    private sealed class AccountSweepState
    {
        /// <summary>When the last complete sweep started.</summary>
        public DateTimeOffset? SweptAt { get; set; }

        /// <summary>Whether <see cref="SweptAt"/> is the API's clock (a Date header), not this process's.</summary>
        public bool SweptAtOnApiClock { get; set; }

        public SweepFallbackReason? Fallback { get; set; }
    }
}
