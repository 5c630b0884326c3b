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
    [InlineData(5, 1, 200)]
    [InlineData(0.5, 1, 2000)]
    [InlineData(1000, 50, 50)]
    [InlineData(30, 2, 66.666)]
    public void Refill_schedule_gives_the_configured_rate_in_whole_tokens(double rate, int tokens, double periodMs)
    {
        var (tokensPerPeriod, period) = CpaasRateLimiterRegistry.RefillSchedule(rate);

        Assert.Equal(tokens, tokensPerPeriod);
        Assert.Equal(periodMs, period.TotalMilliseconds, 2);
        Assert.Equal(rate, tokensPerPeriod / period.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(100, 0.05, 95)]
    [InlineData(100, 0, 100)]
    [InlineData(10, 0.05, 9.5)]
    public void The_bucket_refills_at_the_accounts_limit_less_the_headroom(double limit, double headroom, double expected)
    {
        using var limiters = new CpaasRateLimiterRegistry(
            Options.Create(new CpaasClientOptions { RequestsPerSecondPerAccount = limit, RateLimitHeadroom = headroom }),
            new FakeTimeProvider());

        Assert.Equal(expected, limiters.TokensPerPeriod / limiters.RefillPeriod.TotalSeconds, 3);
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
        using var first = await limiters.AcquireAsync(ClientHarness.Account, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = limiters.AcquireAsync(ClientHarness.Account, cancellation.Token).AsTask();
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
        using (await limiters.AcquireAsync(ClientHarness.Account, CancellationToken.None))
        {
        }

        time.Advance(TimeSpan.FromMinutes(3));
        using (await limiters.AcquireAsync(ClientHarness.OtherAccount, CancellationToken.None))
        {
        }

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
        using var first = await limiters.AcquireAsync(ClientHarness.Account, CancellationToken.None);
        var waiting = limiters.AcquireAsync(ClientHarness.Account, CancellationToken.None).AsTask();

        limiters.Dispose();

        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(lease.IsAcquired);
        });
        Assert.True(outcome is null or ObjectDisposedException, outcome?.ToString());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiters.AcquireAsync(ClientHarness.Account, CancellationToken.None).AsTask());
    }
}
