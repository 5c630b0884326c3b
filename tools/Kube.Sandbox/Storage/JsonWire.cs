using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kube.Sandbox.Storage;

/// <summary>Serializer settings for everything the sandbox writes: no needless escaping of +, &lt;, &gt; or non-ASCII.</summary>
public static class JsonWire
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
