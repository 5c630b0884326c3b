using System.Text;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Sandbox.Api;

namespace Cpaas.Client.Tests.Contract;

/// <summary>The client's resilience against the sandbox's injected faults.</summary>
public sealed class FaultContractTests
{
    [Fact]
    public async Task Get_is_retried_through_injected_5xx_and_succeeds()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await OperationContractTests.AddAsync(h, "flaky");
        h.Sandbox.Faults.FailNext(2, 503);

        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.Equal(created.AppId, project.AppId);
        var gets = h.Sandbox.Journal.Entries().Where(e => e.Operation == SandboxOperation.GetProject).ToList();
        Assert.Equal([503, 503, 200], gets.Select(e => e.Status));
    }

    [Fact]
    public async Task Patch_is_retried_after_an_attempt_timeout()
    {
        // Long enough that the add before it never times out on a busy machine; the hung attempt costs this much.
        await using var h = await SandboxHarness.StartAsync(o => o.AttemptTimeout = TimeSpan.FromSeconds(3));
        var created = await OperationContractTests.AddAsync(h, "slow");
        h.Sandbox.Faults.TimeoutNext(1);

        await h.Client.PatchSmsAsync(h.Customer, created.AppId!, new SmsSettings { Outgoing = true }, CancellationToken.None);

        Assert.Equal(2, h.Sandbox.Journal.CountOf(SandboxOperation.PatchSms));
        Assert.True((await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None)).Sms!.Outgoing);
    }

    [Fact]
    public async Task Retry_after_of_a_429_burst_is_honoured()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.Faults.RateLimitBurst(1, TimeSpan.FromSeconds(1));

        await h.Client.ListProjectsAsync(h.Customer, null, CancellationToken.None);

        var lists = h.Sandbox.Journal.Entries().Where(e => e.Operation == SandboxOperation.ListProjects).ToList();
        Assert.Equal([429, 200], lists.Select(e => e.Status));
        Assert.True(lists[1].Time - lists[0].Time >= TimeSpan.FromMilliseconds(950), $"retried after {(lists[1].Time - lists[0].Time).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Add_is_attempted_once_on_an_injected_5xx()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.Faults.FailNext(3, 500);

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            h.Client.AddProjectAsync(h.Customer, new ProjectCreateRequest { AppName = "once", CategoryId = "other", ServicesIncl = new ServicesIncluded { Video = true } }, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, h.Sandbox.Journal.CountOf(SandboxOperation.AddProject));
    }

    [Fact]
    public async Task Add_whose_response_is_lost_after_commit_is_attempted_once_and_reported_as_possibly_applied()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.Faults.LoseNextResponsesAfterCommit(1);

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            h.Client.AddProjectAsync(h.Customer, new ProjectCreateRequest { AppName = "lost", CategoryId = "other", ServicesIncl = new ServicesIncluded { Video = true } }, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Transient, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, h.Sandbox.Journal.CountOf(SandboxOperation.AddProject));
        // It was applied: exactly one project exists, and listing by name finds it for adoption.
        Assert.Equal(1, h.Sandbox.Store.Count);
        var found = await h.Client.ListProjectsAsync(h.Customer, new ProjectListQuery { SearchBy = "app_name", SearchString = "lost" }, CancellationToken.None);
        Assert.Equal("lost", Assert.Single(found.Projects).AppName);
    }

    [Fact]
    public async Task Reset_key_whose_response_is_lost_is_attempted_once_and_get_recovers_the_new_key()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await OperationContractTests.AddAsync(h, "rotate");
        h.Sandbox.Faults.LoseNextResponsesAfterCommit(1);

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.ResetKeyAsync(h.Customer, created.AppId!, CancellationToken.None));
        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, h.Sandbox.Journal.CountOf(SandboxOperation.ResetKey));
        Assert.NotEqual(created.AppKey, project.AppKey);
        Assert.Equal(h.Sandbox.Store.Find(created.AppId!)!.AppKey, project.AppKey);
    }

    [Fact]
    public async Task No_log_line_of_a_full_session_contains_a_key_or_password()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await OperationContractTests.AddAsync(h, "logged");
        h.Sandbox.Faults.FailNext(1, 503);
        await h.Client.PatchVideoAsync(h.Customer, created.AppId!, new VideoSettingsPatch { Sip = new SipSettings { Password = "sip-pass-123" } }, CancellationToken.None);
        var rotated = await h.Client.ResetKeyAsync(h.Customer, created.AppId!, CancellationToken.None);
        await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.GetProjectAsync(new CpaasAccount(h.Customer.ApiId, "wrong-key-456", h.Sandbox.BaseUrl), created.AppId!, CancellationToken.None));
        await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.GetProjectAsync(h.Customer, "missing", CancellationToken.None));

        var text = string.Join('\n', h.Logs.GetSnapshot().Select(r =>
            $"{r.Message} | {string.Join(';', r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])} | {r.Exception}"));
        Assert.NotEmpty(text);
        var secrets = new[]
        {
            h.Customer.ApiKey, created.AppKey!, rotated.AppKey!, "sip-pass-123", "wrong-key-456",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{h.Customer.ApiId}:{h.Customer.ApiKey}")),
        };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
    }
}
