namespace Cpaas.Client;

/// <summary>
/// Query of the list operation. Unset values are not sent. <see cref="OrderQualify"/> is <c>asc</c> or
/// <c>desc</c> (1105 otherwise); <see cref="Page"/> starts at 1 (1101 otherwise).
/// </summary>
public sealed record ProjectListQuery
{
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
}
