using System.Net;
using System.Text.Json;
using Cpaas.Sandbox.Tests.Support;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Tests;

public sealed class WireVariantTests : SandboxTest
{
    [Fact]
    public async Task Result_is_a_number_by_default()
    {
        var response = await Client.GetAsync("projects", Admin, Deadline);

        Assert.Equal(JsonValueKind.Number, response.Json["result"]!.GetValueKind());
        Assert.Equal(1, response.Json["result"]!.GetValue<int>());
    }

    [Fact]
    public async Task String_encoding_writes_result_as_a_string_for_successes_and_errors()
    {
        Sandbox.Wire.ResultEncoding = ResultEncoding.String;

        var success = await Client.GetAsync("projects", Admin, Deadline);
        var error = await Client.GetAsync("projects/000000000000000000000000", Admin, Deadline);

        Assert.Equal(JsonValueKind.String, success.Json["result"]!.GetValueKind());
        Assert.Equal("1", success.Json["result"]!.GetValue<string>());
        Assert.Equal("1007", error.Json["result"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task Business_errors_can_come_with_HTTP_200()
    {
        Sandbox.Wire.BusinessErrorsWithHttp200 = true;

        var error = await Client.GetAsync("projects/000000000000000000000000", Admin, Deadline);
        var invalidPage = await Client.GetAsync("projects?page=0", Admin, Deadline);

        error.AssertError(1007, HttpStatusCode.OK);
        invalidPage.AssertError(1101, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Error_message_can_be_written_under_error_instead_of_msg()
    {
        Sandbox.Wire.ErrorMessageKey = ErrorMessageKey.Error;

        var error = await Client.GetAsync("projects/000000000000000000000000", Admin, Deadline);

        Assert.False(error.Json.ContainsKey("msg"));
        Assert.Equal("Invalid App ID.", error.Json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Error_envelope_has_result_msg_and_desc()
    {
        var error = await Client.GetAsync("projects?search_by=colour&search_string=x", Admin, Deadline);

        Assert.Equal(["result", "msg", "desc"], Keys(error.Json));
        Assert.Contains("app_name", error.Json["desc"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_restores_the_wire_settings_of_the_options()
    {
        Sandbox.Wire.ResultEncoding = ResultEncoding.String;

        Sandbox.Reset();

        Assert.Equal(JsonValueKind.Number, (await Client.GetAsync("projects", Admin, Deadline)).Json["result"]!.GetValueKind());
    }
}
