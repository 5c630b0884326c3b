using System.Net;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;

namespace Cpaas.Client.Tests.Errors;

public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData(200, 1007, CpaasErrorKind.NotFound)]
    [InlineData(404, 1007, CpaasErrorKind.NotFound)]
    [InlineData(200, 1008, CpaasErrorKind.InvalidInput)]
    [InlineData(400, 1009, CpaasErrorKind.InvalidInput)]
    [InlineData(200, 1101, CpaasErrorKind.InvalidInput)]
    [InlineData(200, 1102, CpaasErrorKind.InvalidInput)]
    [InlineData(422, 1105, CpaasErrorKind.InvalidInput)]
    [InlineData(200, 1110, CpaasErrorKind.InvalidInput)]
    [InlineData(409, 1111, CpaasErrorKind.InvalidInput)]
    [InlineData(401, null, CpaasErrorKind.Credentials)]
    [InlineData(403, 1007, CpaasErrorKind.Credentials)]
    [InlineData(200, 401, CpaasErrorKind.Credentials)]
    [InlineData(429, null, CpaasErrorKind.Transient)]
    [InlineData(200, 429, CpaasErrorKind.Transient)]
    [InlineData(500, null, CpaasErrorKind.Transient)]
    [InlineData(502, 1504, CpaasErrorKind.Transient)]
    [InlineData(503, null, CpaasErrorKind.Transient)]
    [InlineData(408, null, CpaasErrorKind.Transient)]
    [InlineData(400, null, CpaasErrorKind.InvalidInput)]
    [InlineData(406, 1002, CpaasErrorKind.InvalidInput)]
    [InlineData(406, 1103, CpaasErrorKind.InvalidInput)]
    [InlineData(200, 1002, CpaasErrorKind.InvalidInput)]
    [InlineData(401, 1001, CpaasErrorKind.Credentials)]
    [InlineData(200, 1001, CpaasErrorKind.Credentials)]
    [InlineData(404, null, CpaasErrorKind.Unknown)]
    [InlineData(200, 1504, CpaasErrorKind.Unknown)]
    [InlineData(200, null, CpaasErrorKind.Unknown)]
    public void Status_and_result_code_map_to_a_kind(int status, int? code, CpaasErrorKind expected) =>
        Assert.Equal(expected, CpaasErrorClassifier.Classify((HttpStatusCode)status, code));

    [Fact]
    public void Subdomain_in_use_is_invalid_input_and_distinguishable()
    {
        var error = CpaasErrorClassifier.FromResponse(
            CpaasOperation.PatchVideoEmbed,
            HttpStatusCode.OK,
            new CpaasEnvelope { Result = "1111", Msg = "Sub-Domain name already in use." },
            null,
            null);

        Assert.Equal(CpaasErrorKind.InvalidInput, error.Kind);
        Assert.True(error.IsSubdomainInUse);
        Assert.Equal(1111, error.NumericCode);
        Assert.False(CpaasErrorClassifier.FromResponse(
            CpaasOperation.PatchVideoEmbed, HttpStatusCode.OK, new CpaasEnvelope { Result = "1110" }, null, null).IsSubdomainInUse);
    }

    [Theory]
    [InlineData(CpaasOperation.AddProject, 500, true)]
    [InlineData(CpaasOperation.ResetKey, 503, true)]
    [InlineData(CpaasOperation.AddProject, 429, false)]
    [InlineData(CpaasOperation.AddProject, 400, false)]
    [InlineData(CpaasOperation.GetProject, 500, false)]
    [InlineData(CpaasOperation.PatchVideo, 504, false)]
    public void Outcome_is_unknown_only_for_non_idempotent_calls_that_may_have_committed(CpaasOperation operation, int status, bool expected) =>
        Assert.Equal(expected, CpaasErrorClassifier.FromResponse(operation, (HttpStatusCode)status, null, null, null).OutcomeUnknown);

    [Fact]
    public void A_connection_that_was_never_made_is_not_an_unknown_outcome()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.False(CpaasErrorClassifier.FromTransport(CpaasOperation.AddProject, refused, sent: true).OutcomeUnknown);
        Assert.True(CpaasErrorClassifier.FromTransport(CpaasOperation.AddProject, reset, sent: true).OutcomeUnknown);
        Assert.False(CpaasErrorClassifier.FromTransport(CpaasOperation.AddProject, reset, sent: false).OutcomeUnknown);
        Assert.Equal(CpaasErrorKind.Transient, CpaasErrorClassifier.FromTransport(CpaasOperation.GetProject, reset, sent: true).Kind);
    }

    [Fact]
    public void Error_message_names_operation_status_code_and_text_but_masks_an_echoed_key()
    {
        var account = new CpaasAccount("id-1", "the-real-key-123", "https://x.test/cpaas");
        var error = CpaasErrorClassifier.FromResponse(
            CpaasOperation.EditProject,
            HttpStatusCode.BadRequest,
            new CpaasEnvelope { Result = "1008", Error = "Invalid Category ID for the-real-key-123", Desc = "Authorization: Basic aWQtMTp0aGUtcmVhbC1rZXk= \"app_key\": \"abc\"" },
            null,
            account);

        Assert.Contains("edit_project", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("result 1008", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid Category ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-real-key-123", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aWQtMTp0aGUtcmVhbC1rZXk=", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Detail!, StringComparison.Ordinal);
    }
}
