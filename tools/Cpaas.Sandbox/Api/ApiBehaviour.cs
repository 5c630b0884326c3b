namespace Cpaas.Sandbox.Api;

/// <summary>
/// How the API behaves where the documentation leaves room, changeable while the sandbox runs (the control surface's
/// <c>/_sandbox/behaviour</c>), so one client can be tested against each habit an implementation may have.
/// </summary>
public sealed class ApiBehaviour
{
    /// <summary>Listing page length when the request names none. Default 20.</summary>
    public int DefaultPageLength { get; set; } = 20;

    /// <summary>How <c>order_by=updated_at</c> is treated. Default: supported.</summary>
    public UpdatedAtOrdering UpdatedAtOrdering { get; set; } = UpdatedAtOrdering.Supported;

    /// <summary>
    /// When false, the service PATCHes (video, voice, sms, video-embed) and out-of-band section changes leave
    /// <c>updated_at</c> as it was: an API whose <c>updated_at</c> covers only the Edit-level fields. Default true.
    /// </summary>
    public bool SectionChangesBumpUpdatedAt { get; set; } = true;

    internal void CopyFrom(ApiBehaviour other)
    {
        DefaultPageLength = other.DefaultPageLength;
        UpdatedAtOrdering = other.UpdatedAtOrdering;
        SectionChangesBumpUpdatedAt = other.SectionChangesBumpUpdatedAt;
    }

    internal ApiBehaviour Copy()
    {
        var copy = new ApiBehaviour();
        copy.CopyFrom(this);
        return copy;
    }
}
