using System.Globalization;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// Every error the sandbox emits. 1007, 1008, 1009, 1101, 1102, 1105, 1110 and 1111 are the API's (docs/cpaas-api.md); 1001
/// (token not valid) and 1002 (request invalid) come from EnableX's public error-handling pages; 1103 and 1104
/// are the sandbox's choice for the gap in the documented listing codes. HTTP statuses follow EnableX's table:
/// 401 credentials, 404 not found, 406 validation failed; 409 for a taken subdomain is the sandbox's choice.
/// </summary>
internal static class CpaasErrors
{
    private const int Validation = 406;

    public static ApiError InvalidCredentials() =>
        new(1001, 401, "Authentication failed", "Invalid API credentials (HTTP Basic api_id:api_key)", KeepsHttpStatus: true)
        {
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"EnableX CPaaS API\"" },
        };

    public static ApiError InvalidRequest(string description) => new(1002, Validation, "The request is invalid", description);

    public static ApiError InvalidAppId() => new(1007, 404, "Invalid App ID.");

    public static ApiError InvalidCategoryId() => new(1008, Validation, "Invalid Category ID.");

    public static ApiError ServicesNotGiven() =>
        new(1009, Validation, "Services.incl not given. At least one service must be included.");

    public static ApiError InvalidPage() => new(1101, Validation, "Invalid page. Number. Range: 1+.");

    public static ApiError InvalidPageLength(int max) =>
        new(1102, Validation, "Invalid page_num. Number. Range: 1+.", $"page_length must be 1 to {max.ToString(CultureInfo.InvariantCulture)}");

    public static ApiError InvalidSearchBy(IEnumerable<string> supported) =>
        new(1103, Validation, "Invalid search_by.", $"Enumerated Data: {string.Join(", ", supported)}");

    public static ApiError InvalidOrderBy(IEnumerable<string> supported) =>
        new(1104, Validation, "Invalid order_by.", $"Enumerated Data: {string.Join(", ", supported)}");

    public static ApiError InvalidOrderQualify() => new(1105, Validation, "Invalid order_qualify. Enumerated Data: asc, desc.");

    public static ApiError InvalidSubdomain(string description) => new(1110, Validation, "Invalid Sub-Domain.", description);

    public static ApiError SubdomainInUse() => new(1111, 409, "Sub-Domain name already in use.");

    public static ApiError RouteNotFound() => new(404, 404, "Not Found", KeepsHttpStatus: true);

    public static ApiError MethodNotAllowed() => new(405, 405, "Method Not Allowed", KeepsHttpStatus: true);

    public static ApiError RateLimited(int retryAfterSeconds) =>
        new(429, 429, "Too Many Requests", $"Rate limit exceeded. Retry after {retryAfterSeconds.ToString(CultureInfo.InvariantCulture)} second(s).", KeepsHttpStatus: true)
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        };

    public static ApiError ServerFault(int status) =>
        new(status, status, status == 503 ? "Service Unavailable" : "An internal server error has occurred.", KeepsHttpStatus: true);

    public static ApiError GatewayTimeout() => new(504, 504, "Gateway Timeout", KeepsHttpStatus: true);
}
