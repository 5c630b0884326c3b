using System.Net;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Tests.Support;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Tests;

public sealed class JournalTests : SandboxTest
{
    [Fact]
    public async Task Every_request_is_recorded_with_time_operation_account_agent_status_and_result()
    {
        var appId = await AddProjectAsync("Journal");
        Time.Advance(TimeSpan.FromSeconds(2));
        (await Client.GetAsync("projects/000000000000000000000000", Customer, Deadline)).AssertError(1007, HttpStatusCode.NotFound);

        var entries = Sandbox.Journal.Entries();

        Assert.Equal(2, entries.Count);
        var add = entries[0];
        Assert.Equal("POST", add.Method);
        Assert.Equal("/cpaas/projects", add.Path);
        Assert.Equal(SandboxOperation.AddProject, add.Operation);
        Assert.Equal(appId, add.AppId);
        Assert.Equal(Admin.ApiId, add.ApiId);
        Assert.Equal("sandbox-tests/1.0", add.UserAgent);
        Assert.Equal(200, add.Status);
        Assert.Equal("1", add.Result);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), add.Time);
        Assert.Contains("\"app_name\":\"Journal\"", add.Body, StringComparison.Ordinal);
        var get = entries[1];
        Assert.Equal(SandboxOperation.GetProject, get.Operation);
        Assert.Equal(Customer.ApiId, get.ApiId);
        Assert.Equal(404, get.Status);
        Assert.Equal("1007", get.Result);
        Assert.True(get.Sequence > add.Sequence);
        Assert.Equal(add.Time.AddSeconds(2), get.Time);
    }

    [Fact]
    public async Task Secrets_in_request_bodies_are_masked()
    {
        var appId = await AddProjectAsync("Secrets");
        string[] secrets = ["sip-pw", "enc-key", "ftp-pw", "scp-pw", "AKIA-ID", "s3-secret", "gdrive-file", "azure-key", "voice-sip-pw", "sms-hook-pw"];

        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"sip": {"username": "visible-user", "password": "sip-pw"},
             "encryption": {"encryption_key": "enc-key"},
             "recording": {"delivery": {
                "ftp": {"host": "ftp.example", "password": "ftp-pw"},
                "scp": {"password": "scp-pw"},
                "s3": {"access_key_id": "AKIA-ID", "secret_key": "s3-secret"},
                "gdrive": {"access_file": "gdrive-file"},
                "azure": {"access_key": "azure-key"}}}}
            """, Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"sip": {"password": "voice-sip-pw"}}""", Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/sms", Admin, """{"default": {"delivery_webhook": {"password": "sms-hook-pw"}}}""", Deadline)).AssertSuccess();

        var bodies = string.Join("\n", Sandbox.Journal.Entries().Select(e => e.Body));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, bodies, StringComparison.Ordinal);
        }

        Assert.Contains("visible-user", bodies, StringComparison.Ordinal);
        Assert.Contains("ftp.example", bodies, StringComparison.Ordinal);
        Assert.Contains("\"password\":\"***\"", bodies, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_covers_every_secret_key_at_any_depth_and_drops_bodies_that_are_not_JSON()
    {
        var masked = SecretMasking.MaskBody("""
            {"app_key": "k1", "list": [{"password": "k2"}], "a": {"b": {"encryption_key": "k3", "secret_key": "k4",
             "access_key": "k5", "access_key_id": "k6", "access_file": {"private_key": "k7"}, "Password": "k8"}}}
            """)!;

        for (var i = 1; i <= 8; i++)
        {
            Assert.DoesNotContain($"k{i}\"", masked, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("secret-text", SecretMasking.MaskBody("password=secret-text")!, StringComparison.Ordinal);
        Assert.Null(SecretMasking.MaskBody(string.Empty));
    }

    [Fact]
    public async Task Counters_count_by_operation_status_and_account_and_Clear_resets_them()
    {
        var appId = await AddProjectAsync("Counted");
        await AddProjectAsync("Counted too", Customer);
        (await Client.GetAsync($"projects/{appId}", Admin, Deadline)).AssertSuccess();
        (await Client.PostAsync($"projects/{appId}/reset_key", Admin, null, Deadline)).AssertSuccess();
        (await Client.GetAsync("projects", account: null, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);

        Assert.Equal(2, Sandbox.Journal.CountOf(SandboxOperation.AddProject));
        Assert.Equal(1, Sandbox.Journal.CountOf(SandboxOperation.ResetKey));
        Assert.Equal(0, Sandbox.Journal.CountOf(SandboxOperation.PatchSms));
        Assert.Equal(1, Sandbox.Journal.CountsByOperation()[SandboxOperation.ListProjects]);
        Assert.Equal(4, Sandbox.Journal.CountsByStatus()[200]);
        Assert.Equal(1, Sandbox.Journal.CountsByStatus()[401]);
        Assert.Equal(3, Sandbox.Journal.CountsByAccount()[Admin.ApiId]);

        Sandbox.Journal.Clear();

        Assert.Empty(Sandbox.Journal.Entries());
        Assert.Equal(0, Sandbox.Journal.CountOf(SandboxOperation.AddProject));
    }

    [Fact]
    public async Task Peak_requests_within_a_window_shows_how_bursty_an_account_was()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
        }

        Time.Advance(TimeSpan.FromSeconds(2));
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();

        Assert.Equal(3, Sandbox.Journal.PeakRequestsWithin(Admin.ApiId, TimeSpan.FromSeconds(1)));
        Assert.Equal(4, Sandbox.Journal.PeakRequestsWithin(Admin.ApiId, TimeSpan.FromSeconds(3)));
        Assert.Equal(0, Sandbox.Journal.PeakRequestsWithin(Customer.ApiId, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Journal_keeps_the_newest_entries_up_to_its_capacity_while_counters_keep_counting()
    {
        await using var small = await CpaasSandbox.StartAsync(new CpaasSandboxOptions { JournalCapacity = 2 }, Deadline);
        using var client = new WireClient(small.BaseUrl);
        for (var i = 1; i <= 4; i++)
        {
            await client.GetAsync($"projects?page={i}", small.AdminAccount, Deadline);
        }

        Assert.Equal(["/cpaas/projects?page=3", "/cpaas/projects?page=4"], small.Journal.Entries().Select(e => e.Path));
        Assert.Equal(4, small.Journal.CountOf(SandboxOperation.ListProjects));
    }
}
