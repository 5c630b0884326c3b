using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary><c>services_incl</c>: which services a project includes.</summary>
public sealed record ServicesIncluded
{
    [JsonPropertyName("video")]
    public bool? Video { get; init; }

    [JsonPropertyName("sms")]
    public bool? Sms { get; init; }

    [JsonPropertyName("voice")]
    public bool? Voice { get; init; }
}

/// <summary>The keys shared by a project in the list and in GET.</summary>
public abstract record ProjectCommon
{
    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("customer_name")]
    public string? CustomerName { get; init; }

    [JsonPropertyName("app_id")]
    public string? AppId { get; init; }

    [JsonPropertyName("app_key")]
    public string? AppKey { get; init; }

    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }

    [JsonPropertyName("category_id")]
    public string? CategoryId { get; init; }

    [JsonPropertyName("category_name")]
    public string? CategoryName { get; init; }

    [JsonPropertyName("short_desc")]
    public string? ShortDesc { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("services_incl")]
    public ServicesIncluded? ServicesIncl { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("status_ex")]
    public string? StatusEx { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonPropertyName("suspended_at")]
    public DateTimeOffset? SuspendedAt { get; init; }

    // The app key is a credential: records print it as masked.
    protected virtual bool PrintMembers(System.Text.StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("AppId = ").Append(AppId)
            .Append(", AppName = ").Append(AppName)
            .Append(", AppKey = ").Append(AppKey is null ? "null" : "***")
            .Append(", CustomerId = ").Append(CustomerId)
            .Append(", CategoryId = ").Append(CategoryId)
            .Append(", Status = ").Append(Status);
        return true;
    }
}

/// <summary>A project as the list operation returns it (no service settings).</summary>
public sealed record ProjectSummary : ProjectCommon;

/// <summary>A project as GET <c>/projects/{app_id}</c> returns it, with its service settings.</summary>
public sealed record ProjectDetails : ProjectCommon
{
    [JsonPropertyName("video")]
    public VideoSettings? Video { get; init; }

    [JsonPropertyName("sms")]
    public SmsSettings? Sms { get; init; }

    [JsonPropertyName("voice")]
    public VoiceSettings? Voice { get; init; }
}

/// <summary>Body of POST <c>/projects</c> (add).</summary>
public sealed record ProjectCreateRequest
{
    /// <summary>Admin accounts only: create the project under this customer.</summary>
    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }

    [JsonPropertyName("category_id")]
    public string? CategoryId { get; init; }

    [JsonPropertyName("short_desc")]
    public string? ShortDesc { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("services_incl")]
    public ServicesIncluded? ServicesIncl { get; init; }
}

/// <summary>Body of POST <c>/projects/{app_id}</c> (edit): only the keys to change.</summary>
public sealed record ProjectUpdateRequest
{
    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }

    [JsonPropertyName("category_id")]
    public string? CategoryId { get; init; }

    [JsonPropertyName("short_desc")]
    public string? ShortDesc { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("services_incl")]
    public ServicesIncluded? ServicesIncl { get; init; }
}

/// <summary>The project credentials returned by add and reset_key.</summary>
public sealed record ProjectCredentials
{
    [JsonPropertyName("app_id")]
    public string? AppId { get; init; }

    [JsonPropertyName("app_key")]
    public string? AppKey { get; init; }

    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AppId = ").Append(AppId)
            .Append(", AppName = ").Append(AppName)
            .Append(", AppKey = ").Append(AppKey is null ? "null" : "***");
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>The short project reference (<c>app_id</c>, <c>app_name</c>) in edit, PATCH and embed responses.</summary>
public sealed record ProjectReference
{
    [JsonPropertyName("app_id")]
    public string? AppId { get; init; }

    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }
}

/// <summary>The list response's <c>search</c> object: the query as the server understood it.</summary>
public sealed record ProjectSearchEcho
{
    [JsonPropertyName("page")]
    public int? Page { get; init; }

    [JsonPropertyName("page_length")]
    public int? PageLength { get; init; }

    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("search_by")]
    public string? SearchBy { get; init; }

    [JsonPropertyName("search_string")]
    public string? SearchString { get; init; }

    [JsonPropertyName("order_by")]
    public string? OrderBy { get; init; }

    [JsonPropertyName("order_qualify")]
    public string? OrderQualify { get; init; }
}
