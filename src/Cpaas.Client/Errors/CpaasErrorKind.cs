namespace Cpaas.Client.Errors;

/// <summary>What a caller should do about a failed call.</summary>
public enum CpaasErrorKind
{
    /// <summary>The request was rejected as invalid (1002, 1008, 1009, 1101, 1102, 1105, 1110, 1111, HTTP 400/406/422): terminal until the input changes.</summary>
    InvalidInput,

    /// <summary>The project does not exist for this account (1007).</summary>
    NotFound,

    /// <summary>The account's credentials were rejected (HTTP 401/403, 1001).</summary>
    Credentials,

    /// <summary>Rate limited (429), server error (5xx), timeout or connection failure: try again later.</summary>
    Transient,

    /// <summary>Anything else, including an unreadable response or an undocumented code.</summary>
    Unknown,
}
