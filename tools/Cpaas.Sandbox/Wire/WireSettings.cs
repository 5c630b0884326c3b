namespace Cpaas.Sandbox.Wire;

/// <summary>
/// How responses are written, changeable while the sandbox runs so one client can be tested against every
/// variant the documentation allows.
/// </summary>
public sealed class WireSettings
{
    /// <summary><c>result: 1</c> (Number) or <c>result: "1"</c> (String), for successes and errors alike.</summary>
    public ResultEncoding ResultEncoding { get; set; } = ResultEncoding.Number;

    /// <summary>
    /// When true, business errors (1002, 1007, 1008, ...) come with HTTP 200; when false with a 4xx status.
    /// Credentials (401), rate limits (429), server faults (5xx) and unknown routes keep their status either way.
    /// </summary>
    public bool BusinessErrorsWithHttp200 { get; set; }

    /// <summary>The key of an error's message: <c>msg</c> (the projects API) or <c>error</c>.</summary>
    public ErrorMessageKey ErrorMessageKey { get; set; } = ErrorMessageKey.Msg;

    /// <summary>
    /// When true, GET and the listing return every key the documented shape shows, with an empty value of its type when
    /// never set; when false, keys never set are left out.
    /// </summary>
    public bool FillUnsetFields { get; set; } = true;

    /// <summary>
    /// When true, request bodies must use only keys the documented examples show, with their JSON types (else 1002).
    /// </summary>
    public bool StrictRequestValidation { get; set; } = true;

    /// <summary>How dates are written. Default: ISO 8601 with milliseconds.</summary>
    public WireDateFormat DateFormat { get; set; } = WireDateFormat.IsoMilliseconds;

    internal void CopyFrom(WireSettings other)
    {
        DateFormat = other.DateFormat;
        ResultEncoding = other.ResultEncoding;
        BusinessErrorsWithHttp200 = other.BusinessErrorsWithHttp200;
        ErrorMessageKey = other.ErrorMessageKey;
        FillUnsetFields = other.FillUnsetFields;
        StrictRequestValidation = other.StrictRequestValidation;
    }

    internal WireSettings Copy()
    {
        var copy = new WireSettings();
        copy.CopyFrom(this);
        return copy;
    }
}
