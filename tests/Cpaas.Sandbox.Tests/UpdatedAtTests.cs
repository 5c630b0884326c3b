using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Portal;
using Cpaas.Sandbox.Tests.Support;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Tests;

/// <summary>updated_at as a drift sweep relies on it: moved by every write, listed newest first, and the switches that
/// make it less reliable.</summary>
public sealed class UpdatedAtTests : SandboxTest
{
    private const string VideoPatch = """{"notification_url": "https://hooks.example.com/video"}""";

    private static List<string> AppIds(WireResponse response) =>
        [.. response.Json["projects"]!.AsArray().Select(p => p!["app_id"]!.GetValue<string>())];

    private async Task<string> UpdatedAtAsync(string appId) => (await GetProjectAsync(appId))["updated_at"]!.GetValue<string>();

    private async Task<List<string>> NewestFirstAsync(string extra = "")
    {
        var response = await Client.GetAsync($"projects?order_by=updated_at&order_qualify=desc{extra}", Admin, Deadline);
        response.AssertSuccess();
        return AppIds(response);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.ServerUrl };
        using var request = new HttpRequestMessage(method, $"_sandbox/{path}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Deadline);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Deadline))!);
    }

    public static TheoryData<string, string, string> Writes => new()
    {
        { "POST", "", """{"description": "edited"}""" },
        { "POST", "/reset_key", "" },
        { "PATCH", "/video", VideoPatch },
        { "PATCH", "/voice", """{"notification_url": "https://v.example", "in": true}""" },
        { "PATCH", "/sms", """{"outgoing": true}""" },
        { "PATCH", "/video-embed", """{"subdomain": "acme-room"}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Every_write_moves_updated_at_even_within_the_same_millisecond(string method, string route, string body)
    {
        var appId = await AddProjectAsync("Written");
        var before = await UpdatedAtAsync(appId);

        var response = await Client.SendAsync(new HttpMethod(method), $"projects/{appId}{route}", Admin, body.Length == 0 ? null : body, Deadline);

        response.AssertSuccess();
        var after = await UpdatedAtAsync(appId);
        Assert.True(string.CompareOrdinal(after, before) > 0, $"updated_at {before} -> {after}");
    }

    [Fact]
    public async Task Changes_get_distinct_increasing_times_while_the_clock_stands_still()
    {
        var ids = new[] { await AddProjectAsync("A"), await AddProjectAsync("B"), await AddProjectAsync("C") };
        await Client.PostAsync($"projects/{ids[0]}", Admin, """{"short_desc": "x"}""", Deadline);
        await Client.PatchAsync($"projects/{ids[1]}/video", Admin, VideoPatch, Deadline);

        var times = new List<string>();
        foreach (var id in ids)
        {
            times.Add(await UpdatedAtAsync(id));
        }

        Assert.Equal(3, times.Distinct().Count());
        Assert.Equal([ids[1], ids[0], ids[2]], await NewestFirstAsync());
        Assert.Equal([ids[2], ids[0], ids[1]], AppIds(await Client.GetAsync("projects?order_by=updated_at&order_qualify=asc", Admin, Deadline)));
    }

    [Fact]
    public async Task Out_of_band_changes_move_updated_at_and_are_journaled_apart_from_api_calls()
    {
        var edited = await AddProjectAsync("Edited in the portal");
        var section = await AddProjectAsync("Hook changed in the portal");
        var rekeyed = await AddProjectAsync("Key reset in the portal");
        var untouched = await AddProjectAsync("Untouched");
        var oldKey = Sandbox.Store.Find(rekeyed)!.AppKey;
        var callsBefore = Sandbox.Journal.Entries().Count;
        Time.Advance(TimeSpan.FromSeconds(5));

        Sandbox.Portal.Edit(edited, new PortalEdit { Description = "portal text" });
        Sandbox.Portal.ChangeSection(section, ServiceSection.Video, JsonNode.Parse(VideoPatch)!.AsObject());
        var newKey = Sandbox.Portal.ResetKey(rekeyed);

        Assert.Equal([rekeyed, section, edited, untouched], await NewestFirstAsync());
        Assert.Equal("portal text", (await GetProjectAsync(edited))["description"]!.GetValue<string>());
        Assert.Equal("https://hooks.example.com/video", (await GetProjectAsync(section))["video"]!["notification_url"]!.GetValue<string>());
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(newKey, (await GetProjectAsync(rekeyed))["app_key"]!.GetValue<string>());
        Assert.Equal(callsBefore + 4, Sandbox.Journal.Entries().Count); // the list and three reads above: no out-of-band entry
        Assert.Equal(0, Sandbox.Journal.CountOf(SandboxOperation.ResetKey));
        Assert.Equal(
            ["edit description", "video notification_url", "reset_key app_key"],
            Sandbox.Journal.OutOfBandChanges().Select(c => $"{c.Kind} {string.Join(',', c.Fields)}"));
        Assert.All(Sandbox.Journal.OutOfBandChanges(), c => Assert.True(c.UpdatedAtMoved));
    }

    [Fact]
    public async Task With_section_changes_keeping_updated_at_a_patch_and_an_out_of_band_section_change_leave_it_alone()
    {
        var appId = await AddProjectAsync("Quiet sections");
        var before = await UpdatedAtAsync(appId);
        Sandbox.Behaviour.SectionChangesBumpUpdatedAt = false;
        Time.Advance(TimeSpan.FromSeconds(5));

        (await Client.PatchAsync($"projects/{appId}/video", Admin, VideoPatch, Deadline)).AssertSuccess();
        Sandbox.Portal.ChangeSection(appId, ServiceSection.Video, new JsonObject { ["notification_url"] = "https://elsewhere.example.com" });

        Assert.Equal(before, await UpdatedAtAsync(appId));
        Assert.False(Sandbox.Journal.OutOfBandChanges().Single().UpdatedAtMoved);
        Sandbox.Portal.Edit(appId, new PortalEdit { ShortDesc = "edits still move it" });
        Assert.NotEqual(before, await UpdatedAtAsync(appId));
    }

    [Fact]
    public async Task Refused_ordering_answers_the_unknown_order_field_error_and_other_orders_still_work()
    {
        await AddProjectAsync("One");
        Sandbox.Behaviour.UpdatedAtOrdering = UpdatedAtOrdering.Refused;

        var refused = await Client.GetAsync("projects?order_by=updated_at&order_qualify=desc", Admin, Deadline);

        refused.AssertError(1104, HttpStatusCode.NotAcceptable);
        (await Client.GetAsync("projects?order_by=created_at&order_qualify=desc", Admin, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Ignored_ordering_echoes_updated_at_but_lists_in_creation_order()
    {
        var first = await AddProjectAsync("First");
        var second = await AddProjectAsync("Second");
        await Client.PostAsync($"projects/{first}", Admin, """{"short_desc": "newest"}""", Deadline);
        Sandbox.Behaviour.UpdatedAtOrdering = UpdatedAtOrdering.Ignored;

        var response = await Client.GetAsync("projects?order_by=updated_at&order_qualify=desc", Admin, Deadline);

        Assert.Equal([second, first], AppIds(response));
        Assert.Equal("updated_at", response.Json["search"]!["order_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_default_page_length_is_configurable_and_a_requested_page_length_wins()
    {
        for (var i = 0; i < 5; i++)
        {
            await AddProjectAsync($"P{i}");
        }

        Sandbox.Behaviour.DefaultPageLength = 2;

        Assert.Equal(2, (await NewestFirstAsync()).Count);
        Assert.Equal(4, (await NewestFirstAsync("&page_length=4")).Count);
        Assert.Single(await NewestFirstAsync("&page=3"));
    }

    [Fact]
    public async Task Second_granular_dates_tie_on_the_wire_but_keep_the_order_of_changes()
    {
        var first = await AddProjectAsync("First");
        var second = await AddProjectAsync("Second");
        Sandbox.Wire.DateFormat = WireDateFormat.Seconds;

        var a = await UpdatedAtAsync(first);
        var b = await UpdatedAtAsync(second);

        Assert.Equal("2025-03-01 10:00:00", a);
        Assert.Equal(a, b);
        Assert.Equal([second, first], await NewestFirstAsync());
    }

    [Fact]
    public async Task The_control_surface_changes_projects_out_of_band_and_switches_behaviour_without_showing_a_key()
    {
        var appId = await AddProjectAsync("Controlled");
        var key = Sandbox.Store.Find(appId)!.AppKey;

        var edit = await ControlAsync(HttpMethod.Post, $"projects/{appId}/edit", """{"description": "from the control surface", "services_incl": {"sms": true}}""");
        var video = await ControlAsync(HttpMethod.Patch, $"projects/{appId}/video", VideoPatch);
        var reset = await ControlAsync(HttpMethod.Post, $"projects/{appId}/reset_key");
        var behaviour = await ControlAsync(
            HttpMethod.Put,
            "behaviour",
            """{"default_page_length": 7, "updated_at_ordering": "refused", "section_changes_bump_updated_at": false}""");
        var wire = await ControlAsync(HttpMethod.Put, "wire", """{"date_format": "seconds"}""");
        var journal = await ControlAsync(HttpMethod.Get, "journal");
        var unknown = await ControlAsync(HttpMethod.Post, "projects/nope/reset_key");
        var badLength = await ControlAsync(HttpMethod.Put, "behaviour", """{"default_page_length": 1000}""");

        Assert.All(new[] { edit, video, reset, behaviour, wire, journal }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.DoesNotContain(key, reset.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Sandbox.Store.Find(appId)!.AppKey, reset.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEqual(key, Sandbox.Store.Find(appId)!.AppKey);
        Assert.Equal("from the control surface", Sandbox.Store.Find(appId)!.Description);
        Assert.True(Sandbox.Store.Find(appId)!.Services.Sms);
        Assert.Equal((7, UpdatedAtOrdering.Refused, false), (Sandbox.Behaviour.DefaultPageLength, Sandbox.Behaviour.UpdatedAtOrdering, Sandbox.Behaviour.SectionChangesBumpUpdatedAt));
        Assert.Equal(WireDateFormat.Seconds, Sandbox.Wire.DateFormat);
        Assert.Equal(["edit", "video", "reset_key"], journal.Body["out_of_band"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badLength.Status);

        Sandbox.Reset();
        Assert.Equal((20, UpdatedAtOrdering.Supported, true), (Sandbox.Behaviour.DefaultPageLength, Sandbox.Behaviour.UpdatedAtOrdering, Sandbox.Behaviour.SectionChangesBumpUpdatedAt));
    }
}
