using System.Net;
using System.Text;
using Cpaas.Client.Diagnostics;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;

namespace Cpaas.Client.Tests.Client;

public sealed class LoggingAndMetricsTests
{
    private const string SipPassword = "sip-Pa55word-xyz";

    [Fact]
    public async Task Logs_carry_operation_app_id_status_and_code_but_never_a_key_password_or_authorization()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAttempts = 1);
        var account = ClientHarness.Account;
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1","app_key":"project-key-777"}}""")
            .Respond(HttpStatusCode.OK, """{"result":1,"user":{"app_id":"a1"}}""")
            .Respond(HttpStatusCode.InternalServerError, """{"result":500}""")
            .Respond(HttpStatusCode.OK, $$"""{"result":"1008","msg":"bad category for {{account.ApiKey}}","desc":"password: {{SipPassword}}"}""")
            .Respond(HttpStatusCode.Unauthorized, """{"result":401,"msg":"Unauthorized"}""")
            .Respond(HttpStatusCode.ServiceUnavailable, """{"result":503}""")
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1","app_key":"rotated-key-888"}}""");

        await harness.Client.GetProjectAsync(account, "a1", CancellationToken.None);
        await harness.Client.PatchVideoAsync(account, "a1", new VideoSettingsPatch { Sip = new SipSettings { Password = SipPassword } }, CancellationToken.None);
        await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.AddProjectAsync(account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None));
        await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.AddProjectAsync(account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None));
        await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.ListProjectsAsync(account, null, CancellationToken.None));
        await harness.Client.ResetKeyAsync(account, "a1", CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        await harness.Client.ResetKeyAsync(account, "a1", CancellationToken.None);

        var records = harness.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        var everything = string.Join('\n', records.Select(r =>
            $"{r.Message} | {string.Join(';', r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])} | {r.Exception}"));
        var basicToken = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiId}:{account.ApiKey}"));
        foreach (var secret in new[] { account.ApiKey, basicToken, SipPassword, "project-key-777", "rotated-key-888", "Authorization" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }

        var failure = records.Single(r => r.Message.Contains("failed", StringComparison.Ordinal) && r.Message.Contains("1008", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("add_project", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", failure.Message, StringComparison.Ordinal);
        Assert.Contains(records, r => r.Message.Contains("get_project app_id=a1", StringComparison.Ordinal) && r.Message.Contains("HTTP 200", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("attempt 1: HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_count_calls_by_operation_and_result_and_record_their_duration()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAttempts = 1);
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meterFactory, CpaasClientMetrics.MeterName, "requests_total");
        using var durations = new MetricCollector<double>(meterFactory, CpaasClientMetrics.MeterName, "request_duration_seconds");
        using var attempts = new MetricCollector<long>(meterFactory, CpaasClientMetrics.MeterName, "attempts_total");
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1"}}""")
            .Respond(HttpStatusCode.OK, """{"result":1007}""")
            .Respond(HttpStatusCode.BadGateway, "{}")
            .Respond(HttpStatusCode.OK, """{"result":1,"projects":[]}""");

        await harness.Client.GetProjectAsync(ClientHarness.Account, "a1", CancellationToken.None);
        await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(ClientHarness.Account, "zz", CancellationToken.None));
        await harness.Client.ListProjectsAsync(ClientHarness.Account, null, CancellationToken.None);

        var calls = requests.GetMeasurementSnapshot();
        Assert.Equal(3, calls.Count);
        Assert.Equal(1, calls.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("operation", "get_project"), new KeyValuePair<string, object?>("result", "success"))));
        Assert.Equal(1, calls.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("operation", "get_project"), new KeyValuePair<string, object?>("result", "not_found"))));
        Assert.Equal(1, calls.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("operation", "list_projects"), new KeyValuePair<string, object?>("result", "success"))));
        Assert.Equal(3, durations.GetMeasurementSnapshot().Count);
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
        Assert.Equal(
            ["get_project 200", "get_project 200", "list_projects 502", "list_projects 200"],
            attempts.GetMeasurementSnapshot().Select(m => $"{m.Tags["operation"]} {m.Tags["status"]}"));
    }

    [Fact]
    public async Task A_successful_read_logs_nothing_at_information_and_a_retry_logs_a_warning()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryAttempts = 1);
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1"}}""")
            .Respond(HttpStatusCode.OK, """{"result":1,"projects":[]}""")
            .Respond(HttpStatusCode.ServiceUnavailable, """{"result":503}""")
            .Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1"}}""");

        await harness.Client.GetProjectAsync(ClientHarness.Account, "a1", CancellationToken.None);
        await harness.Client.ListProjectsAsync(ClientHarness.Account, ProjectListQuery.RecentlyUpdatedFirst(1), CancellationToken.None);
        var quiet = harness.Logs.GetSnapshot();
        await harness.Client.GetProjectAsync(ClientHarness.Account, "a1", CancellationToken.None);
        var retried = harness.Logs.GetSnapshot().Skip(quiet.Count).ToList();

        Assert.Contains(quiet, r => r.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && r.Level == LogLevel.Debug);
        Assert.DoesNotContain(quiet, r => r.Level >= LogLevel.Information);
        Assert.Contains(retried, r => r.Category?.StartsWith("Polly", StringComparison.Ordinal) == true && r.Level == LogLevel.Warning);
    }
}
