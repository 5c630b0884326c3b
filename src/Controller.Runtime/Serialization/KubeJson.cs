using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Serialization;

/// <summary>
/// JSON of Kubernetes objects without reflection: the wire format of KubernetesClient (camelCase, nulls left out,
/// RFC 3339 dates, ISO 8601 durations, IntOrString and quantities as the API writes them) over source-generated
/// metadata only. It resolves the types of the given contexts first (an operator's custom resources and the
/// built-in kinds it reads or writes, such as <see cref="V1Secret"/>), then the runtime's own
/// (<see cref="Resources.PartialObjectMetadata"/>, list metadata, Status, Lease, Event). A type no context knows
/// fails at its first use with a message that names it, in tests as in a Native AOT executable. Pass
/// <see cref="SourceGenerationContext.Default"/> for every built-in kind at once (tests, tools): in a Native AOT
/// executable that keeps all of KubernetesClient.Aot's models.
/// </summary>
public sealed class KubeJson
{
    private readonly JsonSerializerOptions _options;

    /// <param name="resolvers">Source-generated contexts (<see cref="JsonSerializerContext"/>) of the caller's own types.</param>
    public KubeJson(params IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        _options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, RuntimeJsonContext.Default]),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // The converters KubernetesJson configures: a resolver's own [JsonSourceGenerationOptions] converters apply
            // only to its own options, so these options name them again.
            Converters =
            {
                new KubernetesJson.Iso8601TimeSpanConverter(),
                new KubernetesJson.KubernetesDateTimeConverter(),
                new KubernetesJson.KubernetesDateTimeOffsetConverter(),
            },
        };
        _options.MakeReadOnly();
    }

    /// <summary>The runtime's own types only (metadata-only objects, list metadata, Status, DeleteOptions, Lease, Event).</summary>
    public static KubeJson Default { get; } = new();

    /// <summary>The options, for callers that serialize with <see cref="JsonSerializer"/> themselves. Read-only.</summary>
    public JsonSerializerOptions Options => _options;

    /// <summary>The metadata of <typeparamref name="T"/>; throws when no context knows the type.</summary>
    public JsonTypeInfo<T> TypeInfo<T>() =>
        _options.TryGetTypeInfo(typeof(T), out var info)
            ? (JsonTypeInfo<T>)info
            : throw new NotSupportedException(
                $"No JSON metadata for {typeof(T).FullName}: add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext given to {nameof(KubeJson)}.");

    public string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public T Deserialize<T>(string json) => Required(JsonSerializer.Deserialize(json, TypeInfo<T>()));

    public T Deserialize<T>(JsonElement json) => Required(json.Deserialize(TypeInfo<T>()));

    public async Task<T> DeserializeAsync<T>(Stream json, CancellationToken cancellationToken) =>
        Required(await JsonSerializer.DeserializeAsync(json, TypeInfo<T>(), cancellationToken));

    /// <summary>A deep copy through the wire format (what a reader of the API would get).</summary>
    public T DeepCopy<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var info = TypeInfo<T>();
        return Required(JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), info));
    }

    private static T Required<T>(T? value) =>
        value ?? throw new JsonException($"The JSON of a {typeof(T).Name} was null.");
}
