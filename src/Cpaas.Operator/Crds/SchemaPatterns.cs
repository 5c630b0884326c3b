namespace Cpaas.Operator.Crds;

/// <summary>Regular expressions shared by several schema properties (ECMA 262, anchored).</summary>
public static class SchemaPatterns
{
    /// <summary>An absolute http or https URL.</summary>
    public const string HttpUrl = @"^https?://[^\s]+$";

    /// <summary>An absolute http or https URL, or the empty string (the API documentation shows "" as "not set").</summary>
    public const string HttpUrlOrEmpty = @"^(https?://[^\s]+)?$";

    /// <summary>An RFC 1123 DNS label: lower case alphanumerics and '-', starting and ending alphanumeric.</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An RFC 1123 DNS subdomain, the shape of a Kubernetes object name such as a Secret's.</summary>
    public const string DnsSubdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A key of a Secret's data.</summary>
    public const string SecretDataKey = @"^[-._a-zA-Z0-9]+$";

    /// <summary>A CSS hex colour (#RGB, #RGBA, #RRGGBB, #RRGGBBAA) or the empty string.</summary>
    public const string HexColorOrEmpty = "^(#([0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8}))?$";

    /// <summary>A non-negative whole number written as a string, as the API's embed options do ("120").</summary>
    public const string UnsignedIntegerString = "^[0-9]+$";

    /// <summary>A non-negative decimal number written as a string ("0.2").</summary>
    public const string UnsignedDecimalString = @"^[0-9]+(\.[0-9]+)?$";

    /// <summary>A host name or IP address without scheme or port.</summary>
    public const string Host = @"^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$";
}
