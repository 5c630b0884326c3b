using System.Globalization;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// The listing's query parameters, validated. page_num is accepted as another name of page_length (the API's
/// 1102 text names page_num while its echo names page_length); page_length wins when both are given.
/// </summary>
internal sealed record ListQuery(
    int Page,
    int PageLength,
    string? CustomerId,
    string? SearchBy,
    string? SearchString,
    string OrderBy,
    string OrderQualify)
{
    public const string DefaultOrderBy = "created_at";
    public const string DefaultOrderQualify = "asc";

    /// <summary>app_name matches a case-insensitive substring; the others match exactly.</summary>
    public static IReadOnlyList<string> SearchableFields { get; } = ["app_name", "app_id", "category_id", "customer_id", "status"];

    public static IReadOnlyList<string> OrderableFields { get; } = ["created_at", "updated_at", "app_name", "app_id", "category_id", "status"];

    public static ApiReplyOr<ListQuery> Parse(IReadOnlyDictionary<string, string> query, int defaultPageLength, int maxPageLength)
    {
        var page = 1;
        if (query.TryGetValue("page", out var pageText) && !TryPositive(pageText, int.MaxValue, out page))
        {
            return CpaasErrors.InvalidPage();
        }

        var pageLength = defaultPageLength;
        var lengthText = query.TryGetValue("page_length", out var l) ? l : query.GetValueOrDefault("page_num");
        if (lengthText is not null && !TryPositive(lengthText, maxPageLength, out pageLength))
        {
            return CpaasErrors.InvalidPageLength(maxPageLength);
        }

        var searchBy = Blank(query.GetValueOrDefault("search_by"));
        if (searchBy is not null && !SearchableFields.Contains(searchBy))
        {
            return CpaasErrors.InvalidSearchBy(SearchableFields);
        }

        var orderBy = Blank(query.GetValueOrDefault("order_by")) ?? DefaultOrderBy;
        if (!OrderableFields.Contains(orderBy))
        {
            return CpaasErrors.InvalidOrderBy(OrderableFields);
        }

        var orderQualify = Blank(query.GetValueOrDefault("order_qualify")) ?? DefaultOrderQualify;
        if (orderQualify is not ("asc" or "desc"))
        {
            return CpaasErrors.InvalidOrderQualify();
        }

        return new ListQuery(
            page,
            pageLength,
            Blank(query.GetValueOrDefault("customer_id")),
            searchBy,
            Blank(query.GetValueOrDefault("search_string")),
            orderBy,
            orderQualify);
    }

    private static bool TryPositive(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
