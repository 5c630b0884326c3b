namespace Cpaas.Sandbox.Api;

/// <summary>How the listing treats <c>order_by=updated_at</c>, to test clients against APIs that do not offer it.</summary>
public enum UpdatedAtOrdering
{
    /// <summary>Ordered by the time of the last change, as asked.</summary>
    Supported,

    /// <summary>Refused with the error for an unknown order field (1104, HTTP 406).</summary>
    Refused,

    /// <summary>Accepted and echoed, but the projects come in creation order (an API that silently ignores it).</summary>
    Ignored,
}
