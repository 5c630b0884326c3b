using System.Net;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Turns a CPaaS API error into the condition reason and retry class users see (pure).</summary>
public static class ProblemClassifier
{
    /// <summary>
    /// The problem a failed reconcile reports; null for failures that are not about the project or its inputs
    /// (Kubernetes API errors, bugs): the runtime retries those with backoff.
    /// </summary>
    public static ReconcileProblem? Classify(Exception error) => error switch
    {
        ReconcileProblem problem => problem,
        CpaasApiException api => From(api, "reconciling"),
        _ => null,
    };

    public static ReconcileProblem From(CpaasApiException error, string doing)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = Describe(error);
        return error.Kind switch
        {
            CpaasErrorKind.InvalidInput => error.NumericCode switch
            {
                CpaasResultCodes.InvalidCategoryId => new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.CategoryInvalid,
                    $"The CPaaS API rejected spec.categoryId while {doing}: {detail}", innerException: error),
                CpaasResultCodes.InvalidSubdomain => new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SubdomainInvalid,
                    $"The CPaaS API rejected spec.embed.subdomain while {doing}: {detail}", innerException: error),
                CpaasResultCodes.SubdomainInUse => new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.SubdomainTaken,
                    $"spec.embed.subdomain is already used by another project ({doing}): {detail}", innerException: error),
                _ => new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                    $"The CPaaS API rejected the request while {doing}: {detail}", innerException: error),
            },
            CpaasErrorKind.Credentials => new ReconcileProblem(ProblemCategory.Credentials, WellKnownNames.Reasons.CredentialsRejected,
                $"The CPaaS API rejected the account's credentials while {doing}: {detail}", innerException: error),
            CpaasErrorKind.NotFound => new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.ProjectNotFound,
                $"The project does not exist or is not visible to this account ({doing}): {detail}", innerException: error),
            CpaasErrorKind.Transient when error.HttpStatus == HttpStatusCode.TooManyRequests => new ReconcileProblem(ProblemCategory.Transient,
                WellKnownNames.Reasons.RateLimited, $"The CPaaS API is rate limiting this account ({doing}); retrying", error.RetryAfter, error),
            CpaasErrorKind.Transient => new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ApiUnavailable,
                $"The CPaaS API is unavailable ({doing}): {detail}; retrying", error.RetryAfter, error),
            // An undocumented business error (a 4xx other than 404, or a code with HTTP 200) is about the request:
            // retrying the same request cannot help, so it waits for a spec change like any invalid input.
            CpaasErrorKind.Unknown when error.Code is not null && (error.HttpStatus is null or HttpStatusCode.OK || IsClientError(error.HttpStatus)) =>
                new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                    $"The CPaaS API rejected the request while {doing}: {detail}", innerException: error),
            _ => new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError,
                $"Unexpected CPaaS API answer while {doing}: {detail}", error.RetryAfter, error),
        };
    }

    private static bool IsClientError(HttpStatusCode? status) =>
        status is { } code && (int)code is >= 400 and < 500 && code != HttpStatusCode.NotFound;

    // Stable text (no timings or attempt counts) so that repeating the same failure does not rewrite status.
    private static string Describe(CpaasApiException error)
    {
        var parts = new List<string>();
        if (error.Code is not null)
        {
            parts.Add($"code {error.Code}");
        }

        if (error.HttpStatus is { } status)
        {
            parts.Add($"HTTP {(int)status}");
        }

        if (!string.IsNullOrWhiteSpace(error.ApiMessage))
        {
            parts.Add(error.ApiMessage!);
        }

        return parts.Count == 0 ? error.Kind.ToString() : string.Join(", ", parts);
    }
}
