using System.Net;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Client.Tests.Contract;

/// <summary>Every documented error code, as the sandbox produces it, in every wire variant the documentation allows.</summary>
public sealed class ErrorContractTests
{
    public static TheoryData<bool, ResultEncoding, ErrorMessageKey> WireVariants() => new()
    {
        { false, ResultEncoding.Number, ErrorMessageKey.Msg },
        { true, ResultEncoding.Number, ErrorMessageKey.Msg },
        { false, ResultEncoding.String, ErrorMessageKey.Error },
        { true, ResultEncoding.String, ErrorMessageKey.Msg },
    };

    [Theory]
    [MemberData(nameof(WireVariants))]
    public async Task Every_documented_code_maps_to_its_typed_error(bool errorsWithHttp200, ResultEncoding encoding, ErrorMessageKey messageKey)
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.Wire.BusinessErrorsWithHttp200 = errorsWithHttp200;
        h.Sandbox.Wire.ResultEncoding = encoding;
        h.Sandbox.Wire.ErrorMessageKey = messageKey;
        var client = h.Client;
        var account = h.Customer;
        var taken = await OperationContractTests.AddAsync(h, "first");
        var other = await OperationContractTests.AddAsync(h, "second");
        await client.PatchVideoEmbedAsync(account, taken.AppId!, new VideoEmbedPatch { Subdomain = "taken-one" }, CancellationToken.None);

        var cases = new (string Code, CpaasErrorKind Kind, Func<Task> Call)[]
        {
            ("1007", CpaasErrorKind.NotFound, () => client.GetProjectAsync(account, "no-such-app", CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.EditProjectAsync(account, "no-such-app", new ProjectUpdateRequest { Description = "x" }, CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.ResetKeyAsync(account, "no-such-app", CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.PatchVideoAsync(account, "no-such-app", new VideoSettingsPatch { NotificationUrl = "u" }, CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.PatchVoiceAsync(account, "no-such-app", new VoiceSettingsPatch { In = true }, CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.PatchSmsAsync(account, "no-such-app", new SmsSettings { Incoming = true }, CancellationToken.None)),
            ("1007", CpaasErrorKind.NotFound, () => client.PatchVideoEmbedAsync(account, "no-such-app", new VideoEmbedPatch { Subdomain = "abc" }, CancellationToken.None)),
            ("1008", CpaasErrorKind.InvalidInput, () => client.AddProjectAsync(account, new ProjectCreateRequest { AppName = "x", CategoryId = "no-such-category", ServicesIncl = new ServicesIncluded { Video = true } }, CancellationToken.None)),
            ("1009", CpaasErrorKind.InvalidInput, () => client.AddProjectAsync(account, new ProjectCreateRequest { AppName = "x", CategoryId = "other" }, CancellationToken.None)),
            ("1101", CpaasErrorKind.InvalidInput, () => client.ListProjectsAsync(account, new ProjectListQuery { Page = 0 }, CancellationToken.None)),
            ("1102", CpaasErrorKind.InvalidInput, () => client.ListProjectsAsync(account, new ProjectListQuery { PageLength = 100_000 }, CancellationToken.None)),
            ("1105", CpaasErrorKind.InvalidInput, () => client.ListProjectsAsync(account, new ProjectListQuery { OrderQualify = "sideways" }, CancellationToken.None)),
            ("1110", CpaasErrorKind.InvalidInput, () => client.PatchVideoEmbedAsync(account, other.AppId!, new VideoEmbedPatch { Subdomain = "Not_Valid!" }, CancellationToken.None)),
            ("1111", CpaasErrorKind.InvalidInput, () => client.PatchVideoEmbedAsync(account, other.AppId!, new VideoEmbedPatch { Subdomain = "taken-one" }, CancellationToken.None)),
        };

        foreach (var (code, kind, call) in cases)
        {
            var before = h.Sandbox.Journal.Count;
            var error = await Assert.ThrowsAsync<CpaasApiException>(call);

            Assert.True(code == error.Code, $"expected {code}, got {error.Code}: {error.Message}");
            Assert.Equal(kind, error.Kind);
            Assert.False(string.IsNullOrWhiteSpace(error.ApiMessage), $"{code}: no message read from the body");
            Assert.False(error.OutcomeUnknown);
            if (errorsWithHttp200)
            {
                Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
            }
            else
            {
                Assert.NotEqual(HttpStatusCode.OK, error.HttpStatus);
            }

            Assert.Equal(before + 1, h.Sandbox.Journal.Count); // business errors are never retried
        }

        var inUse = await Assert.ThrowsAsync<CpaasApiException>(() =>
            client.PatchVideoEmbedAsync(account, other.AppId!, new VideoEmbedPatch { Subdomain = "taken-one" }, CancellationToken.None));
        Assert.True(inUse.IsSubdomainInUse);
    }

    [Theory]
    [InlineData(ResultEncoding.Number)]
    [InlineData(ResultEncoding.String)]
    public async Task Success_is_read_in_both_result_encodings(ResultEncoding encoding)
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.Wire.ResultEncoding = encoding;

        var created = await OperationContractTests.AddAsync(h, "encoded");
        var page = await h.Client.ListProjectsAsync(h.Customer, null, CancellationToken.None);

        Assert.Equal(created.AppId, Assert.Single(page.Projects).AppId);
    }

    [Fact]
    public async Task Wrong_key_or_unknown_account_is_a_credentials_error_and_not_retried()
    {
        await using var h = await SandboxHarness.StartAsync();
        var wrongKey = new CpaasAccount(h.Customer.ApiId, "not-the-key", h.Sandbox.BaseUrl);
        var unknown = new CpaasAccount("nobody", "nothing", h.Sandbox.BaseUrl);

        var first = await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.ListProjectsAsync(wrongKey, null, CancellationToken.None));
        var second = await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.AddProjectAsync(unknown, new ProjectCreateRequest { AppName = "x" }, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Credentials, first.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, first.HttpStatus);
        Assert.Equal(CpaasErrorKind.Credentials, second.Kind);
        Assert.False(second.OutcomeUnknown);
        Assert.DoesNotContain("not-the-key", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, h.Sandbox.Journal.Count);
    }

    [Fact]
    public async Task A_customer_cannot_see_another_customers_project()
    {
        await using var h = await SandboxHarness.StartAsync();
        var adminsOwn = await OperationContractTests.AddAsync(h, "admin-only", h.Admin);

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => h.Client.GetProjectAsync(h.Customer, adminsOwn.AppId!, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.NotFound, error.Kind);
    }
}
