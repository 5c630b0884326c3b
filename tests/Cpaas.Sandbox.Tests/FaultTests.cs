using System.Net;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

/// <summary>Faults that need no real clock (the fake clock drives the rate limit).</summary>
public sealed class FaultTests : SandboxTest
{
    private const string AddBody = """{"app_name": "Faulty", "category_id": "education", "services_incl": {"video": true}}""";

    [Fact]
    public async Task Fail_next_answers_the_status_without_processing_then_recovers()
    {
        Sandbox.Faults.FailNext(2, 500);

        (await Client.PostAsync("projects", Admin, AddBody, Deadline)).AssertError(500, HttpStatusCode.InternalServerError);
        (await Client.GetAsync("projects", Admin, Deadline)).AssertError(500, HttpStatusCode.InternalServerError);
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();

        Assert.Equal(0, Sandbox.Store.Count);
        Assert.Equal(2, Sandbox.Journal.Entries().Count(e => e.Fault == FaultNames.ServerError));
    }

    [Fact]
    public async Task Error_rate_one_fails_every_request_with_the_configured_status_even_with_HTTP_200_errors()
    {
        Sandbox.Wire.BusinessErrorsWithHttp200 = true;
        Sandbox.Faults.ErrorRate = 1;
        Sandbox.Faults.ErrorStatusCode = 502;

        for (var i = 0; i < 3; i++)
        {
            (await Client.GetAsync("projects", Admin, Deadline)).AssertError(502, HttpStatusCode.BadGateway);
        }
    }

    [Fact]
    public async Task Error_rate_fails_some_requests_and_not_others()
    {
        Sandbox.Faults.ErrorRate = 0.5;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await Client.GetAsync("projects", Admin, Deadline)).Status);
        }

        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Fault_scope_limits_faults_to_the_named_operations()
    {
        var appId = await AddProjectAsync("Scoped");
        Sandbox.Faults.Operations = new HashSet<SandboxOperation> { SandboxOperation.PatchVideo };
        Sandbox.Faults.FailNext(1);

        (await Client.GetAsync($"projects/{appId}", Admin, Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/video", Admin, "{}", Deadline)).AssertError(503, HttpStatusCode.ServiceUnavailable);
        (await Client.PatchAsync($"projects/{appId}/video", Admin, "{}", Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Rate_limit_burst_answers_429_with_Retry_After_and_processes_nothing()
    {
        Sandbox.Faults.RateLimitBurst(2, TimeSpan.FromSeconds(3));

        for (var i = 0; i < 2; i++)
        {
            var limited = await Client.PostAsync("projects", Admin, AddBody, Deadline);
            limited.AssertError(429, HttpStatusCode.TooManyRequests);
            Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        }

        Assert.Equal(0, Sandbox.Store.Count);
        (await Client.PostAsync("projects", Admin, AddBody, Deadline)).AssertSuccess();
        Assert.Equal(2, Sandbox.Journal.Entries().Count(e => e.Fault == FaultNames.RateLimitBurst && e.Status == 429));
    }

    [Fact]
    public async Task Account_rate_limit_holds_per_account_and_refills_with_time()
    {
        Sandbox.Faults.RateLimit = new SandboxRateLimit(RequestsPerSecond: 1, Burst: 2);

        (await Client.GetAsync("projects", Customer, Deadline)).AssertSuccess();
        (await Client.GetAsync("projects", Customer, Deadline)).AssertSuccess();
        var limited = await Client.GetAsync("projects", Customer, Deadline);
        limited.AssertError(429, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);

        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();

        Time.Advance(TimeSpan.FromSeconds(1));
        (await Client.GetAsync("projects", Customer, Deadline)).AssertSuccess();
        (await Client.GetAsync("projects", Customer, Deadline)).AssertError(429, HttpStatusCode.TooManyRequests);
        Assert.Equal(FaultNames.RateLimited, Sandbox.Journal.Entries()[^1].Fault);
    }

    [Fact]
    public async Task Per_account_override_replaces_the_default_limit()
    {
        Sandbox.Faults.RateLimit = new SandboxRateLimit(1, 1);
        Sandbox.Faults.SetAccountRateLimit(Admin.ApiId, new SandboxRateLimit(1, 3));
        Sandbox.Faults.SetAccountRateLimit(Customer.ApiId, null);

        for (var i = 0; i < 3; i++)
        {
            (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
        }

        (await Client.GetAsync("projects", Admin, Deadline)).AssertError(429, HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 5; i++)
        {
            (await Client.GetAsync("projects", Customer, Deadline)).AssertSuccess();
        }
    }

    [Fact]
    public async Task Requests_with_bad_credentials_do_not_use_an_accounts_budget()
    {
        Sandbox.Faults.RateLimit = new SandboxRateLimit(1, 1);
        var wrong = new Accounts.SandboxAccount(Admin.ApiId, "wrong", isAdmin: true, Admin.CustomerId);

        (await Client.GetAsync("projects", wrong, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);

        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Lost_response_after_commit_really_commits_the_add()
    {
        Sandbox.Faults.LoseNextResponsesAfterCommit(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PostAsync("projects", Admin, AddBody, Deadline));

        var stored = Assert.Single(Sandbox.Store.All());
        Assert.Equal("Faulty", stored.AppName);
        var entry = Assert.Single(Sandbox.Journal.Entries());
        Assert.Equal(FaultNames.LostAfterCommit, entry.Fault);
        Assert.Equal(0, entry.Status);
        Assert.Equal(stored.AppId, entry.AppId);
        (await Client.PostAsync("projects", Admin, AddBody, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Lost_response_rate_applies_to_reset_key_and_not_to_reads()
    {
        var appId = await AddProjectAsync("Keys");
        var before = Sandbox.Store.Find(appId)!.AppKey;
        Sandbox.Faults.LoseResponseAfterCommitRate = 1;

        (await Client.GetAsync($"projects/{appId}", Admin, Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/video", Admin, "{}", Deadline)).AssertSuccess();
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PostAsync($"projects/{appId}/reset_key", Admin, null, Deadline));

        Assert.NotEqual(before, Sandbox.Store.Find(appId)!.AppKey);
    }

    [Fact]
    public async Task Lost_response_does_not_apply_to_failed_operations()
    {
        Sandbox.Faults.LoseNextResponsesAfterCommit(1);

        (await Client.PostAsync("projects", Admin, """{"app_name": "x", "category_id": "nope", "services_incl": {"video": true}}""", Deadline))
            .AssertError(1008, HttpStatusCode.NotAcceptable);
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PostAsync("projects", Admin, AddBody, Deadline));
    }

    [Fact]
    public async Task Hold_after_commit_stores_the_project_before_the_caller_gets_an_answer()
    {
        using var hold = Sandbox.Faults.HoldAfterCommit();
        var call = Client.PostAsync("projects", Admin, AddBody, Deadline);

        await hold.WaitUntilHeldAsync(1, Deadline);

        Assert.False(call.IsCompleted);
        var stored = Assert.Single(Sandbox.Store.All());
        hold.Release();
        var response = await call;
        response.AssertSuccess();
        Assert.Equal(stored.AppId, response.Json["project"]!["app_id"]!.GetValue<string>());
        Assert.Equal(FaultNames.HeldAfterCommit, Assert.Single(Sandbox.Journal.Entries()).Fault);
    }

    [Fact]
    public async Task Caller_that_gives_up_during_a_hold_leaves_a_committed_project_and_a_journal_entry_without_status()
    {
        using var hold = Sandbox.Faults.HoldAfterCommit(SandboxOperation.ResetKey);
        var appId = await AddProjectAsync("Held");
        var before = Sandbox.Store.Find(appId)!.AppKey;
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Deadline);
        var call = Client.PostAsync($"projects/{appId}/reset_key", Admin, null, giveUp.Token);

        await hold.WaitUntilHeldAsync(1, Deadline);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Sandbox.Journal.WaitForAsync(e => e.Any(x => x.Operation == SandboxOperation.ResetKey), Deadline);
        var entry = Sandbox.Journal.Entries().Single(e => e.Operation == SandboxOperation.ResetKey);
        Assert.Equal(0, entry.Status);
        Assert.Equal(FaultNames.HeldAfterCommit, entry.Fault);
        Assert.NotEqual(before, Sandbox.Store.Find(appId)!.AppKey);
    }

    [Fact]
    public async Task Timeout_hangs_until_the_caller_gives_up_and_processes_nothing()
    {
        using var shortClient = new WireClient(Sandbox.BaseUrl, TimeSpan.FromMilliseconds(300));
        Sandbox.Faults.TimeoutNext(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shortClient.PostAsync("projects", Admin, AddBody, Deadline));

        await Sandbox.Journal.WaitForAsync(e => e.Any(x => x.Fault == FaultNames.Timeout), Deadline);
        Assert.Equal(0, Sandbox.Journal.Entries().Single().Status);
        Assert.Equal(0, Sandbox.Store.Count);
        (await shortClient.PostAsync("projects", Admin, AddBody, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Clear_removes_every_fault_and_releases_holds()
    {
        var hold = Sandbox.Faults.HoldAfterCommit();
        Sandbox.Faults.FailNext(5);
        Sandbox.Faults.RateLimit = new SandboxRateLimit(1, 1);
        Sandbox.Faults.RateLimitBurst(5, TimeSpan.FromSeconds(1));

        Sandbox.Faults.Clear();

        Assert.True(hold.IsReleased);
        for (var i = 0; i < 3; i++)
        {
            (await Client.PostAsync("projects", Admin, AddBody, Deadline)).AssertSuccess();
        }
    }
}
