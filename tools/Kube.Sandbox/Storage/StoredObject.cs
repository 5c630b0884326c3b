using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Storage;

/// <summary>
/// An immutable stored version of one object. The JSON is kept serialized so that every reader gets its own
/// mutable copy and no JsonNode is ever shared between threads.
/// </summary>
public sealed class StoredObject
{
    private readonly byte[] _json;

    private StoredObject(byte[] json, GroupResource resource, string @namespace, string name, string uid, long resourceVersion, IReadOnlyList<string> ownerUids)
    {
        OwnerUids = ownerUids;
        _json = json;
        Resource = resource;
        Namespace = @namespace;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
    }

    public GroupResource Resource { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public long ResourceVersion { get; }

    /// <summary>The uids in metadata.ownerReferences, so garbage collection finds dependents without parsing.</summary>
    public IReadOnlyList<string> OwnerUids { get; }

    public ReadOnlySpan<byte> Utf8Json => _json;

    /// <summary>A fresh mutable copy of the object.</summary>
    public JsonObject ToJson() => JsonNode.Parse(_json)!.AsObject();

    internal static StoredObject From(JsonObject obj, GroupResource resource, long resourceVersion)
    {
        var metadata = obj["metadata"]!.AsObject();
        metadata["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(obj, JsonWire.Options);
        return new StoredObject(
            bytes,
            resource,
            (string?)metadata["namespace"] ?? string.Empty,
            (string?)metadata["name"] ?? string.Empty,
            (string?)metadata["uid"] ?? string.Empty,
            resourceVersion,
            (metadata["ownerReferences"] as JsonArray)?.Select(r => (string?)r?["uid"]).OfType<string>().ToArray() ?? []);
    }
}
