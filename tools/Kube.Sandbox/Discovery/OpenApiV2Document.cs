using System.Text;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>
/// A minimal OpenAPI v2 document (no definitions). kubectl falls back to it for kinds the OpenAPI v3 documents do
/// not cover (e.g. a Kustomization file passed to apply -f); with no schema for a kind it skips client-side
/// validation and then reports the missing kind as a real cluster does ("no matches for kind ...").
/// </summary>
public static class OpenApiV2Document
{
    /// <summary>What kube-apiserver answers with (clients ask with "...spec.v2@v1.0+protobuf", which Go's mime parser rejects in a response).</summary>
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    public static JsonObject Json() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
        ["paths"] = new JsonObject(),
        ["definitions"] = new JsonObject(),
    };

    /// <summary>gnostic's openapi_v2.Document: swagger (1) and info (2: title 1, version 2).</summary>
    public static byte[] Protobuf()
    {
        var info = Concat(Field(1, "Kubernetes"), Field(2, DiscoveryDocuments.KubernetesVersion));
        return Concat(Field(1, "2.0"), Field(2, info));
    }

    private static byte[] Field(int number, string value) => Field(number, Encoding.UTF8.GetBytes(value));

    private static byte[] Field(int number, byte[] value)
    {
        if (value.Length > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "short fields only");
        }

        return [(byte)((number << 3) | 2), (byte)value.Length, .. value];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
