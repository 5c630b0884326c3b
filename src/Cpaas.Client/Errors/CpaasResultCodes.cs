namespace Cpaas.Client.Errors;

/// <summary>The result codes the seed documents.</summary>
public static class CpaasResultCodes
{
    public const int Success = 1;

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
