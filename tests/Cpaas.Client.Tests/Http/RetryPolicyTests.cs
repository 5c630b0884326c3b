using System.Net;
using System.Net.Http.Headers;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Client.Tests.Support;

namespace Cpaas.Client.Tests.Http;

public sealed class RetryPolicyTests
{
    private const string ProjectJson = """{"result":1,"project":{"app_id":"a1","app_key":"k1","app_name":"n"}}""";
    private static readonly CpaasAccount Account = ClientHarness.Account;

    [Fact]
    public async Task Get_is_retried_through_5xx_and_succeeds()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.ServiceUnavailable, """{"result":503,"msg":"busy"}""")
            .RespondRaw(HttpStatusCode.InternalServerError, "oops", "text/plain")
            .Respond(HttpStatusCode.OK, ProjectJson);

        var project = await harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None);

        Assert.Equal("a1", project.AppId);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Patch_is_retried_after_a_connection_failure()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset"))
            .Respond(HttpStatusCode.OK, """{"result":1,"user":{"app_id":"a1"}}""");

        var result = await harness.Client.PatchSmsAsync(Account, "a1", new SmsSettings { Incoming = true }, CancellationToken.None);

        Assert.Equal("a1", result.Project!.AppId);
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, r => Assert.Equal("""{"incoming":true}""", r.Body));
    }

    [Fact]
    public async Task Edit_is_retried_after_an_attempt_timeout()
    {
        // Long enough that the answered second attempt never times out on a busy machine.
        await using var harness = new ClientHarness(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        harness.Handler.Hang().Respond(HttpStatusCode.OK, """{"result":1,"user":{"app_id":"a1"}}""");

        await harness.Client.EditProjectAsync(Account, "a1", new ProjectUpdateRequest { Description = "d" }, CancellationToken.None);

        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Exhausted_retries_end_in_a_transient_error_with_the_last_status()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAttempts = 2);
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.BadGateway, """{"result":"502","error":"bad gateway"}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.ListProjectsAsync(Account, null, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, error.HttpStatus);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Add_is_attempted_exactly_once_on_5xx_and_the_outcome_is_unknown()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.InternalServerError, """{"result":500}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "n", CategoryId = "c" }, CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Add_is_attempted_exactly_once_on_timeout_and_the_outcome_is_unknown()
    {
        await using var harness = new ClientHarness(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        harness.Handler.Hang();

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Add_is_attempted_exactly_once_after_a_connection_reset_and_the_outcome_is_unknown()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Reset_key_is_attempted_exactly_once_on_5xx_and_the_outcome_is_unknown()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.ServiceUnavailable, """{"result":503}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.ResetKeyAsync(Account, "a1", CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Add_refused_with_429_is_sent_again_since_the_api_did_not_process_it()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, """{"result":429,"msg":"slow down"}""")
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1","app_key":"k1","app_name":"n"}}""");

        var created = await harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None);

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal("a1", created.AppId);
    }

    [Fact]
    public async Task Add_refused_with_429_and_a_long_retry_after_is_not_applied_and_carries_the_delay()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));
        harness.Handler.Respond(
            HttpStatusCode.TooManyRequests,
            """{"result":429,"msg":"slow down"}""",
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Reset_key_refused_with_429_is_sent_again_and_5xx_is_not()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, """{"result":429}""")
            .Respond(HttpStatusCode.ServiceUnavailable, """{"result":503}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.ResetKeyAsync(Account, "a1", CancellationToken.None));

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Retry_after_is_honoured_before_the_next_attempt()
    {
        // Backoff is 1 ms in the harness: only Retry-After can explain a one-second gap.
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, """{"result":429}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .Respond(HttpStatusCode.OK, ProjectJson);

        await harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None);

        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        var gap = TimeProvider.System.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp);
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"second attempt came {gap.TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Retry_after_longer_than_the_limit_is_returned_to_the_caller_instead_of_waited_out()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, """{"result":429}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)));

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"result":1101,"msg":"Invalid page"}""")]
    [InlineData(HttpStatusCode.OK, """{"result":"1007","msg":"Invalid App ID"}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"result":401}""")]
    [InlineData(HttpStatusCode.NotFound, """not json""")]
    public async Task Errors_that_a_retry_cannot_fix_are_not_retried(HttpStatusCode status, string body)
    {
        await using var harness = new ClientHarness();
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(status, body);

        await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Total_timeout_bounds_all_attempts()
    {
        await using var harness = new ClientHarness(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.TotalTimeout = TimeSpan.FromMilliseconds(400);
            o.MaxRetryAttempts = 100;
        });
        harness.Handler.Fallback = _ => throw new InvalidOperationException("every attempt hangs");
        for (var i = 0; i < 10; i++)
        {
            harness.Handler.Hang();
        }

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        // 100 retries allowed, each attempt hangs 150 ms: only the 400 ms total timeout can stop it this early.
        Assert.InRange(harness.Handler.Requests.Count, 1, 5);
    }

    [Fact]
    public async Task Caller_cancellation_is_an_operation_canceled_exception_not_an_api_error()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Hang();
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.GetProjectAsync(Account, "a1", cancellation.Token);
        await harness.Handler.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(harness.Handler.Requests);
    }
}
