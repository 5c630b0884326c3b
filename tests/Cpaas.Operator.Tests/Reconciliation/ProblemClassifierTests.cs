using System.Net;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation;

public class ProblemClassifierTests
{
    private static CpaasApiException Error(CpaasErrorKind kind, string? code, HttpStatusCode? status, string? message = "rejected", TimeSpan? retryAfter = null) =>
        new(kind, CpaasOperation.AddProject, "failed", status, code, message, retryAfter: retryAfter);

    [Theory]
    [InlineData("1008", "CategoryInvalid")]
    [InlineData("1110", "SubdomainInvalid")]
    [InlineData("1111", "SubdomainTaken")]
    [InlineData("1009", "InvalidSpec")]
    public void Invalid_input_codes_name_their_reason_and_are_not_retried(string code, string reason)
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.InvalidInput, code, HttpStatusCode.NotAcceptable), "creating the project");
        Assert.Equal(reason, problem.Reason);
        Assert.Equal(ProblemCategory.InvalidInput, problem.Category);
        Assert.Contains($"code {code}", problem.Message);
    }

    [Fact]
    public void Rejected_credentials_are_their_own_class()
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.Credentials, "1001", HttpStatusCode.Unauthorized), "reconciling");
        Assert.Equal(("CredentialsRejected", ProblemCategory.Credentials), (problem.Reason, problem.Category));
    }

    [Fact]
    public void Rate_limiting_keeps_the_servers_retry_after()
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.Transient, null, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7)), "reconciling");
        Assert.Equal(("RateLimited", ProblemCategory.Transient, TimeSpan.FromSeconds(7)), (problem.Reason, problem.Category, problem.RetryAfter!.Value));
    }

    [Fact]
    public void Server_errors_are_transient_API_unavailable()
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.Transient, null, HttpStatusCode.BadGateway), "reconciling");
        Assert.Equal(("ApiUnavailable", ProblemCategory.Transient), (problem.Reason, problem.Category));
    }

    [Fact]
    public void Not_found_needs_a_person()
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.NotFound, "1007", HttpStatusCode.NotFound), "reconciling");
        Assert.Equal(("ProjectNotFound", ProblemCategory.NeedsPerson), (problem.Reason, problem.Category));
    }

    [Fact]
    public void Messages_are_stable_across_repeats_so_status_is_not_rewritten()
    {
        var first = ProblemClassifier.From(Error(CpaasErrorKind.Transient, null, HttpStatusCode.BadGateway), "reconciling").Message;
        var second = ProblemClassifier.From(Error(CpaasErrorKind.Transient, null, HttpStatusCode.BadGateway), "reconciling").Message;
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotAcceptable, "1002")]
    [InlineData(HttpStatusCode.OK, "1504")]
    public void Undocumented_business_errors_wait_for_a_spec_change(HttpStatusCode status, string code)
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.Unknown, code, status), "creating the project");
        Assert.Equal(("InvalidSpec", ProblemCategory.InvalidInput), (problem.Reason, problem.Category));
    }

    [Fact]
    public void A_404_without_a_code_is_not_taken_for_invalid_input()
    {
        var problem = ProblemClassifier.From(Error(CpaasErrorKind.Unknown, null, HttpStatusCode.NotFound), "reconciling");
        Assert.Equal(ProblemCategory.Transient, problem.Category);
    }
}
