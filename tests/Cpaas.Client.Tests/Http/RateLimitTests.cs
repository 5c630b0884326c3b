using System.Net;
using Cpaas.Client.Http;
using Cpaas.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Client.Tests.Http;

[Collection(TimingSensitive.Name)]
public sealed class RateLimitTests
{
    private const string ProjectJson = """{"result":1,"project":{"app_id":"a1"}}""";

    [Theory]
    [InlineData(100, 0.05, 95)]
    [InlineData(100, 0, 100)]
    [InlineData(10, 0.05, 9.5)]
    public void The_bucket_refills_at_the_accounts_limit_less_the_headroom(double limit, double headroom, double expected)
    {
        using var limiters = new CpaasRateLimiterRegistry(
            Options.Create(new CpaasClientOptions { RequestsPerSecondPerAccount = limit, RateLimitHeadroom = headroom }),
            new FakeTimeProvider());

        Assert.Equal(expected, limiters.RequestsPerSecond, 3);
    }

    [Fact]
    public async Task A_call_made_in_a_low_priority_scope_waits_behind_a_high_priority_call_made_after_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var harness = new ClientHarness(
            o =>
            {
                o.RequestsPerSecondPerAccount = 1;
                o.RateLimitHeadroom = 0;
                o.BurstPerAccount = 1;
            },
            time);
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, ProjectJson);
        var limiters = harness.Services.GetRequiredService<CpaasRateLimiterRegistry>();
        var account = ClientHarness.Account;
        await harness.Client.GetProjectAsync(account, "first", CancellationToken.None);

        Task observe;
        using (CpaasRequestPriority.Low())
        {
            observe = harness.Client.GetProjectAsync(account, "periodic-observe", CancellationToken.None);
        }

        await Eventually.TrueAsync(() => limiters.QueuedRequests(account, CpaasPriority.Low) == 1, "the low-priority call waits");
        var change = harness.Client.GetProjectAsync(account, "user-change", CancellationToken.None);
        await Eventually.TrueAsync(() => limiters.QueuedRequests(account, CpaasPriority.High) == 1, "the high-priority call waits");

        time.Advance(TimeSpan.FromSeconds(1));
        await change.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(observe.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await observe.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(
            ["/cpaas/projects/first", "/cpaas/projects/user-change", "/cpaas/projects/periodic-observe"],
            harness.Handler.Requests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task Concurrent_callers_of_one_account_share_its_bucket_and_wait_rather_than_fail()
    {
        // 20 requests per second (one token every 50 ms), burst 5: 25 calls need at least a second.
        const int Calls = 25;
        const int Burst = 5;
        const double Rate = 20;
        await using var harness = new ClientHarness(o =>
        {
            o.RequestsPerSecondPerAccount = Rate;
            o.BurstPerAccount = Burst;
        });
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, ProjectJson);
        var limiters = harness.Services.GetRequiredService<CpaasRateLimiterRegistry>();
        var account = ClientHarness.Account;
        var started = TimeProvider.System.GetTimestamp();

        var calls = Enumerable.Range(0, Calls)
            .Select(i => Task.Run(() => harness.Client.GetProjectAsync(account, $"a{i}", CancellationToken.None)))
            .ToList();

        // Another account is not held back while this one's callers queue.
        await Eventually.TrueAsync(() => limiters.QueuedRequests(account) > 0, "callers of the first account queue");
        await harness.Client.GetProjectAsync(ClientHarness.OtherAccount, "b1", CancellationToken.None);
        Assert.True(limiters.QueuedRequests(account) > 0, "the other account's call finished while the first account still had callers waiting");

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        var sent = harness.Handler.Requests
            .Where(r => r.Uri.Host == account.BaseUrl.Host)
            .Select(r => r.Timestamp)
            .Order()
            .ToList();
        Assert.Equal(Calls, sent.Count);
        Assert.True(elapsed >= TimeSpan.FromSeconds((Calls - Burst - 1) / Rate), $"25 calls at 20/s with burst 5 took only {elapsed.TotalMilliseconds} ms");

        // In no stretch of time did more go out than the burst plus what the rate refilled (two tokens of slack for timer
        // and scheduling jitter between the limiter and the handler that timestamps).
        for (var first = 0; first < sent.Count; first++)
        {
            for (var last = first; last < sent.Count; last++)
            {
                var span = TimeProvider.System.GetElapsedTime(sent[first], sent[last]);
                var allowed = Burst + (int)Math.Ceiling(span.TotalSeconds * Rate) + 2;
                Assert.True(last - first + 1 <= allowed, $"{last - first + 1} requests within {span.TotalMilliseconds} ms");
            }
        }
    }

    [Fact]
    public async Task Waiting_for_a_token_honours_cancellation()
    {
        using var limiters = new CpaasRateLimiterRegistry(
            Options.Create(new CpaasClientOptions { RequestsPerSecondPerAccount = 0.01, BurstPerAccount = 1 }),
            TimeProvider.System);
        Assert.True(await limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, CancellationToken.None));
        using var cancellation = new CancellationTokenSource();

        var waiting = limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, cancellation.Token).AsTask();
        Assert.Equal(1, limiters.QueuedRequests(ClientHarness.Account));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Idle_buckets_are_dropped_so_replaced_credentials_do_not_accumulate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiters = new CpaasRateLimiterRegistry(
            Options.Create(new CpaasClientOptions { RequestsPerSecondPerAccount = 5, BurstPerAccount = 2, IdleLimiterExpiry = TimeSpan.FromMinutes(4) }),
            time);
        await limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(3));
        await limiters.AcquireAsync(ClientHarness.OtherAccount, CpaasPriority.Low, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(limiters.AvailableTokens(ClientHarness.Account));
        Assert.NotNull(limiters.AvailableTokens(ClientHarness.OtherAccount));
    }

    [Fact]
    public async Task After_disposal_no_caller_is_left_waiting()
    {
        var limiters = new CpaasRateLimiterRegistry(
            Options.Create(new CpaasClientOptions { RequestsPerSecondPerAccount = 0.01, BurstPerAccount = 1 }),
            TimeProvider.System);
        Assert.True(await limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, CancellationToken.None));
        var waiting = limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, CancellationToken.None).AsTask();

        limiters.Dispose();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiters.AcquireAsync(ClientHarness.Account, CpaasPriority.High, CancellationToken.None).AsTask());
    }
}
