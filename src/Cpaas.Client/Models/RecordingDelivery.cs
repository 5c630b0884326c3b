using System.Text;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary><c>video.recording_delivery</c> as GET returns it: ftp and scp only.</summary>
public sealed record RecordingDelivery
{
    [JsonPropertyName("ftp")]
    public FtpDelivery? Ftp { get; init; }

    [JsonPropertyName("scp")]
    public ScpDelivery? Scp { get; init; }
}

/// <summary><c>recording.delivery</c> of PATCH video: ftp, scp, s3, gdrive, azure.</summary>
public sealed record RecordingDeliveryPatch
{
    [JsonPropertyName("ftp")]
    public FtpDelivery? Ftp { get; init; }

    [JsonPropertyName("scp")]
    public ScpDelivery? Scp { get; init; }

    [JsonPropertyName("s3")]
    public S3Delivery? S3 { get; init; }

    [JsonPropertyName("gdrive")]
    public GdriveDelivery? Gdrive { get; init; }

    [JsonPropertyName("azure")]
    public AzureDelivery? Azure { get; init; }
}

/// <summary>Delivery of recordings by FTP; the same keys in GET and PATCH.</summary>
public sealed record FtpDelivery
{
    [JsonPropertyName("opted")]
    public bool? Opted { get; init; }

    [JsonPropertyName("periodicity")]
    public string? Periodicity { get; init; }

    [JsonPropertyName("periodicity_ex")]
    public string? PeriodicityEx { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("encryption")]
    public string? Encryption { get; init; }

    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("port")]
    public int? Port { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Opted = ").Append(Opted)
            .Append(", Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Secrets.Mask(Password))
            .Append(", Path = ").Append(Path);
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>
/// Delivery of recordings by SCP. GET shows <c>periodicity_ex</c>; the documented PATCH example omits it, so a PATCH
/// should leave it unset.
/// </summary>
public sealed record ScpDelivery
{
    [JsonPropertyName("opted")]
    public bool? Opted { get; init; }

    [JsonPropertyName("periodicity")]
    public string? Periodicity { get; init; }

    [JsonPropertyName("periodicity_ex")]
    public string? PeriodicityEx { get; init; }

    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("port")]
    public int? Port { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Opted = ").Append(Opted)
            .Append(", Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Secrets.Mask(Password))
            .Append(", Path = ").Append(Path);
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>Delivery of recordings to Amazon S3 (PATCH only; GET does not return it).</summary>
public sealed record S3Delivery
{
    [JsonPropertyName("opted")]
    public bool? Opted { get; init; }

    /// <summary>For example <c>secret_access_based</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("access_key_id")]
    public string? AccessKeyId { get; init; }

    [JsonPropertyName("secret_key")]
    public string? SecretKey { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("env_auth")]
    public bool? EnvAuth { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Opted = ").Append(Opted)
            .Append(", Mode = ").Append(Mode)
            .Append(", AccessKeyId = ").Append(Secrets.Mask(AccessKeyId))
            .Append(", SecretKey = ").Append(Secrets.Mask(SecretKey))
            .Append(", Path = ").Append(Path)
            .Append(", Region = ").Append(Region)
            .Append(", EnvAuth = ").Append(EnvAuth);
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>Delivery of recordings to Google Drive (PATCH only).</summary>
public sealed record GdriveDelivery
{
    [JsonPropertyName("opted")]
    public bool? Opted { get; init; }

    [JsonPropertyName("root_folder_id")]
    public string? RootFolderId { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The service account file's JSON content: a credential.</summary>
    [JsonPropertyName("access_file")]
    public string? AccessFile { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Opted = ").Append(Opted)
            .Append(", RootFolderId = ").Append(RootFolderId)
            .Append(", Path = ").Append(Path)
            .Append(", AccessFile = ").Append(Secrets.Mask(AccessFile));
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>Delivery of recordings to Azure storage (PATCH only).</summary>
public sealed record AzureDelivery
{
    [JsonPropertyName("storage_account")]
    public string? StorageAccount { get; init; }

    [JsonPropertyName("access_key")]
    public string? AccessKey { get; init; }

    [JsonPropertyName("dest_path")]
    public string? DestPath { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("StorageAccount = ").Append(StorageAccount)
            .Append(", AccessKey = ").Append(Secrets.Mask(AccessKey))
            .Append(", DestPath = ").Append(DestPath);
        return true;
    }
#pragma warning restore IDE0051
}
