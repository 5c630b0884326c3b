namespace Cpaas.Client;

/// <summary>
/// Query of the list operation. Unset values are not sent. <see cref="OrderQualify"/> is <c>asc</c> or
/// <c>desc</c> (1105 otherwise); <see cref="Page"/> starts at 1 (1101 otherwise).
/// </summary>
public sealed record ProjectListQuery
{
    /// <summary>The <see cref="OrderBy"/> value that orders by the time of the last change.</summary>
    public const string UpdatedAt = "updated_at";

    public const string Ascending = "asc";

    public const string Descending = "desc";

    public int? Page { get; init; }

    public int? PageLength { get; init; }

    /// <summary>Admin accounts: only this customer's projects.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The field to search, for example <c>app_name</c>.</summary>
    public string? SearchBy { get; init; }

    public string? SearchString { get; init; }

    /// <summary>The field to order by, for example <c>created_at</c>.</summary>
    public string? OrderBy { get; init; }

    /// <summary><c>asc</c> or <c>desc</c>.</summary>
    public string? OrderQualify { get; init; }

    /// <summary>
    /// One page of every project, most recently changed first (<c>order_by=updated_at&amp;order_qualify=desc</c>): what
    /// a drift sweep reads until it reaches projects older than its last sweep. A null page length leaves the
    /// server's default.
    /// </summary>
    public static ProjectListQuery RecentlyUpdatedFirst(int page, int? pageLength = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        return new ProjectListQuery { Page = page, PageLength = pageLength, OrderBy = UpdatedAt, OrderQualify = Descending };
    }
}
