using Cpaas.Client.Models;
using Cpaas.Sandbox.Api;

namespace Cpaas.Client.Tests.Contract;

/// <summary>Every operation against the sandbox over real HTTP, with the documented request shapes (validated strictly there).</summary>
public sealed class OperationContractTests
{
    private static readonly ServicesIncluded VideoOnly = new() { Video = true, Sms = false, Voice = false };

    [Fact]
    public async Task Add_then_get_returns_the_project_with_its_credentials_and_defaults()
    {
        await using var h = await SandboxHarness.StartAsync();

        var created = await h.Client.AddProjectAsync(
            h.Customer,
            new ProjectCreateRequest { AppName = "support-desk", CategoryId = "customer-support", ShortDesc = "short", Description = "long", ServicesIncl = VideoOnly },
            CancellationToken.None);
        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(created.AppKey));
        Assert.Equal(created.AppId, project.AppId);
        Assert.Equal(created.AppKey, project.AppKey);
        Assert.Equal("support-desk", project.AppName);
        Assert.Equal("customer-support", project.CategoryId);
        Assert.False(string.IsNullOrEmpty(project.CategoryName));
        Assert.Equal("short", project.ShortDesc);
        Assert.Equal(VideoOnly, project.ServicesIncl);
        Assert.Equal(h.Sandbox.CustomerAccount.CustomerId, project.CustomerId);
        Assert.Equal("active", project.Status);
        Assert.NotNull(project.CreatedAt);
        Assert.NotNull(project.UpdatedAt);
        Assert.NotNull(project.Video?.MediaZone);
        Assert.Equal(1, h.Sandbox.Store.Count);
    }

    [Fact]
    public async Task Admin_adds_for_a_customer_and_the_customer_sees_only_its_own_projects()
    {
        await using var h = await SandboxHarness.StartAsync();
        var customerId = h.Sandbox.CustomerAccount.CustomerId;

        var forCustomer = await h.Client.AddProjectAsync(
            h.Admin, new ProjectCreateRequest { CustomerId = customerId, AppName = "for-customer", CategoryId = "education", ServicesIncl = VideoOnly }, CancellationToken.None);
        var forAdmin = await h.Client.AddProjectAsync(
            h.Admin, new ProjectCreateRequest { AppName = "for-admin", CategoryId = "education", ServicesIncl = VideoOnly }, CancellationToken.None);

        var adminSees = await h.Client.ListProjectsAsync(h.Admin, null, CancellationToken.None);
        var adminFiltered = await h.Client.ListProjectsAsync(h.Admin, new ProjectListQuery { CustomerId = customerId }, CancellationToken.None);
        var customerSees = await h.Client.ListProjectsAsync(h.Customer, null, CancellationToken.None);

        Assert.Equal(new[] { forCustomer.AppId, forAdmin.AppId }.Order(), adminSees.Projects.Select(p => p.AppId).Order());
        Assert.Equal([forCustomer.AppId], adminFiltered.Projects.Select(p => p.AppId));
        Assert.Equal(customerId, adminFiltered.Search?.CustomerId);
        Assert.Equal([forCustomer.AppId], customerSees.Projects.Select(p => p.AppId));
        Assert.Equal(customerId, customerSees.Projects[0].CustomerId);
    }

    [Fact]
    public async Task Edit_changes_the_project_and_answers_with_the_user_object()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "before");

        var result = await h.Client.EditProjectAsync(
            h.Customer,
            created.AppId!,
            new ProjectUpdateRequest { AppName = "after", Description = "edited", Status = "suspended", ServicesIncl = new ServicesIncluded { Video = true, Sms = true } },
            CancellationToken.None);
        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.Equal(created.AppId, result.Project?.AppId);
        Assert.Equal("after", project.AppName);
        Assert.Equal("edited", project.Description);
        Assert.Equal("suspended", project.Status);
        Assert.NotNull(project.SuspendedAt);
        Assert.True(project.ServicesIncl?.Sms);
        Assert.Equal("after", h.Sandbox.Store.Find(created.AppId!)!.AppName);
    }

    [Fact]
    public async Task Reset_key_issues_a_new_key_that_get_then_shows()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "rotate-me");

        var reset = await h.Client.ResetKeyAsync(h.Customer, created.AppId!, CancellationToken.None);
        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.Equal(created.AppId, reset.AppId);
        Assert.NotEqual(created.AppKey, reset.AppKey);
        Assert.Equal(reset.AppKey, project.AppKey);
        Assert.Equal(1, h.Sandbox.Journal.CountOf(SandboxOperation.ResetKey));
    }

    [Fact]
    public async Task Video_patch_with_every_section_is_accepted_and_get_shows_it_in_the_get_shape()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "video");
        var patch = new VideoSettingsPatch
        {
            NotificationUrl = "https://hooks.example.test/video",
            Sip = new SipSettings { ServerUrl = "sip.example.test", Username = "u", Password = "sip-secret", SigServers = ["s1"], MediaServers = ["m1", "m2"] },
            Phone = [new PhoneNumberPatch { In = true, Out = false, Country = "India", CountryCode = "91", Phone = "12345" }],
            Encryption = new VideoEncryptionPatch { EncryptionKey = "enc-secret" },
            Recording = new RecordingSettingsPatch
            {
                Files = new RecordingFiles { RecordIndividual = true, RecordTranscoded = false, Meta = true, Transcription = false, TextChat = true, Delete = false },
                Watermark = new RecordingWatermark
                {
                    Enabled = true,
                    ImgPath = new WatermarkImagePaths { In = "in.png", De = "de.png", Us = "us.png", Sg = "sg.png" },
                    Opacity = 0.5,
                    Align = new WatermarkAlignment { Horz = "right", Vert = "bottom", OffsetX = 10, OffsetY = 20 },
                },
                Delivery = new RecordingDeliveryPatch
                {
                    Ftp = new FtpDelivery { Opted = true, Periodicity = "daily", PeriodicityEx = "02:00", Protocol = "sftp", Encryption = "tls", Host = "ftp.example.test", Port = 22, Username = "f", Password = "ftp-secret", Path = "/rec" },
                    Scp = new ScpDelivery { Opted = false, Periodicity = "weekly", Host = "scp.example.test", Port = 2222, Username = "s", Password = "scp-secret", Path = "/scp" },
                    S3 = new S3Delivery { Opted = true, Mode = "secret_access_based", AccessKeyId = "AKIA", SecretKey = "s3-secret", Path = "bucket/rec", Region = "us-east-1", EnvAuth = false },
                    Gdrive = new GdriveDelivery { Opted = true, RootFolderId = "root", Path = "rec", AccessFile = """{"type":"service_account"}""" },
                    Azure = new AzureDelivery { StorageAccount = "acct", AccessKey = "az-secret", DestPath = "rec" },
                },
            },
        };

        var result = await h.Client.PatchVideoAsync(h.Customer, created.AppId!, patch, CancellationToken.None);
        var video = (await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None)).Video!;

        Assert.Equal(created.AppId, result.Project?.AppId);
        Assert.Equal("https://hooks.example.test/video", video.NotificationUrl);
        Assert.Equal(["m1", "m2"], video.Sip!.MediaServers!);
        Assert.Equal("12345", Assert.Single(video.Phone!).Phone);
        Assert.True(video.Recording!.Files!.TextChat);
        Assert.Equal(0.5, video.Recording.Watermark!.Opacity);
        Assert.Equal(20, video.Recording.Watermark.Align!.OffsetY);
        Assert.Equal("sg.png", video.Recording.Watermark.ImgPath!.Sg);
        // GET shows delivery beside recording, ftp and scp only.
        Assert.Equal("ftp.example.test", video.RecordingDelivery!.Ftp!.Host);
        Assert.Equal(22, video.RecordingDelivery.Ftp.Port);
        Assert.Equal(2222, video.RecordingDelivery.Scp!.Port);
    }

    [Fact]
    public async Task Voice_and_sms_patches_are_accepted_and_merge_into_what_get_shows()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "voice-sms");

        await h.Client.PatchVoiceAsync(
            h.Customer,
            created.AppId!,
            new VoiceSettingsPatch
            {
                In = true,
                Out = true,
                Sip = new SipSettings { ServerUrl = "sip.voice.test" },
                Inbound = new VoiceInbound { EventUrl = "https://e.test", WelcomeText = "hi", VoiceType = "female", Language = "en-US", AutoRecord = true },
                Phone = [new PhoneNumberPatch { In = true, Out = true, Country = "US", CountryCode = "1", Phone = "555" }],
                NotificationUrl = "https://n.test",
            },
            CancellationToken.None);
        await h.Client.PatchVoiceAsync(h.Customer, created.AppId!, new VoiceSettingsPatch { Out = false, Inbound = new VoiceInbound { Language = "de-DE" } }, CancellationToken.None);
        await h.Client.PatchSmsAsync(
            h.Customer,
            created.AppId!,
            new SmsSettings
            {
                Incoming = true,
                Outgoing = false,
                Default = new SmsDefaults
                {
                    SenderName = "ACME",
                    LongCode = "123",
                    ShortCode = "45",
                    Keyword = "HELP",
                    InWebhook = new SmsWebhook { Url = "https://in.test", Auth = true, Username = "u", Password = "in-secret" },
                    DeliveryWebhook = new SmsWebhook { Url = "https://dlr.test", Auth = false },
                },
            },
            CancellationToken.None);

        var project = await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        Assert.True(project.Voice!.In);
        Assert.False(project.Voice.Out);
        Assert.Equal("de-DE", project.Voice.Inbound!.Language);
        Assert.Equal("hi", project.Voice.Inbound.WelcomeText);
        Assert.True(project.Voice.Inbound.AutoRecord);
        Assert.Equal("https://n.test", project.Voice.NotificationUrl);
        Assert.Equal("ACME", project.Sms!.Default!.SenderName);
        Assert.True(project.Sms.Default.InWebhook!.Auth);
        Assert.Equal("https://dlr.test", project.Sms.Default.DeliveryWebhook!.Url);
        Assert.True(project.Sms.Incoming);
    }

    [Fact]
    public async Task Embed_patch_with_the_full_seed_request_returns_a_room_with_meeting_urls_on_the_subdomain()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "embed");
        var seedRequest = System.Text.Json.JsonSerializer.Deserialize(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "video_embed.request.json")),
            CpaasJsonContext.Default.VideoEmbedPatch)!;

        var result = await h.Client.PatchVideoEmbedAsync(h.Customer, created.AppId!, seedRequest with { Subdomain = "support-desk-1" }, CancellationToken.None);

        Assert.Equal(created.AppId, result.Project?.AppId);
        Assert.False(string.IsNullOrEmpty(result.Room?.RoomId));
        Assert.Contains("support-desk-1", result.Room!.ParticipantMeetingUrl, StringComparison.Ordinal);
        Assert.Contains("support-desk-1", result.Room.HostMeetingUrl, StringComparison.Ordinal);
        Assert.Contains("<iframe", result.Room.ParticipantIframeEmbed, StringComparison.Ordinal);
        Assert.Contains("<iframe", result.Room.ModeratorIframeEmbed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_identifies_itself_and_the_journal_shows_one_request_per_call()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = await AddAsync(h, "ua");

        await h.Client.GetProjectAsync(h.Customer, created.AppId!, CancellationToken.None);

        var entries = h.Sandbox.Journal.Entries();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("cpaas-client-contract-tests/1.0 (test; pid 1)", e.UserAgent));
        Assert.All(entries, e => Assert.Equal(h.Customer.ApiId, e.ApiId));
    }

    internal static Task<ProjectCredentials> AddAsync(SandboxHarness h, string name, CpaasAccount? account = null) =>
        h.Client.AddProjectAsync(
            account ?? h.Customer,
            new ProjectCreateRequest { AppName = name, CategoryId = "other", ServicesIncl = VideoOnly },
            CancellationToken.None);
}
