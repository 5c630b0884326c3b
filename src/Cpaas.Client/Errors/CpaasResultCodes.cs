namespace Cpaas.Client.Errors;

/// <summary>The result codes of the projects API, and the two general ones of EnableX's public error pages (docs/cpaas-api.md).</summary>
public static class CpaasResultCodes
{
    public const int Success = 1;

    /// <summary>Authentication failed (EnableX's public error pages, not the projects API's): a credentials error.</summary>
    public const int InvalidCredentials = 1001;

    /// <summary>The request is invalid (EnableX's public error pages, not the projects API's): invalid input.</summary>
    public const int InvalidRequest = 1002;

    /// <summary>Invalid App ID.</summary>
    public const int InvalidAppId = 1007;

    /// <summary>Invalid Category ID.</summary>
    public const int InvalidCategoryId = 1008;

    /// <summary>services_incl not given: at least one service must be included.</summary>
    public const int ServicesNotIncluded = 1009;

    /// <summary>Invalid page (1+).</summary>
    public const int InvalidPage = 1101;

    /// <summary>Invalid page_num (1+).</summary>
    public const int InvalidPageNum = 1102;

    /// <summary>Invalid order_qualify (asc, desc).</summary>
    public const int InvalidOrderQualify = 1105;

    /// <summary>Invalid sub-domain.</summary>
    public const int InvalidSubdomain = 1110;

    /// <summary>Sub-domain name already in use.</summary>
    public const int SubdomainInUse = 1111;
}
