using System.Text;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Http.Protobuf;

/// <summary>
/// Decodes the Kubernetes protobuf envelope ("k8s\0" + runtime.Unknown{typeMeta, raw}) that client-go's typed
/// clients (and so several kubectl commands) send as request bodies, into the equivalent JSON object.
/// Responses are always JSON: those clients accept application/json as well.
/// </summary>
internal static class KubeProtobufDecoder
{
    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiException.BadRequest("protobuf: missing the k8s envelope prefix");
        }

        var reader = new ProtobufReader(body[Magic.Length..]);
        string? apiVersion = null;
        string? kind = null;
        ReadOnlySpan<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2:
                    {
                        var typeMeta = new ProtobufReader(reader.ReadLengthDelimited());
                        while (!typeMeta.AtEnd)
                        {
                            var (f, w) = typeMeta.ReadTag();
                            if (f == 1 && w == 2)
                            {
                                apiVersion = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                            }
                            else if (f == 2 && w == 2)
                            {
                                kind = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                            }
                            else
                            {
                                typeMeta.Skip(w);
                            }
                        }

                        break;
                    }

                case 2 when wire == 2:
                    raw = reader.ReadLengthDelimited();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (kind is null || !KubeProtoSchemas.RootMessages.TryGetValue(kind, out var message))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the sandbox cannot decode protobuf for kind {kind ?? "<none>"}; send application/json");
        }

        var obj = DecodeMessage(raw, message);
        if (apiVersion is not null)
        {
            obj["apiVersion"] = apiVersion;
        }

        obj["kind"] = kind;
        return obj;
    }

    private static JsonObject DecodeMessage(ReadOnlySpan<byte> data, string message)
    {
        var fields = KubeProtoSchemas.Messages[message];
        var obj = new JsonObject();
        var reader = new ProtobufReader(data);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (!fields.TryGetValue(number, out var field))
            {
                reader.Skip(wire);
                continue;
            }

            switch (field.Kind)
            {
                case ProtoKind.MapString or ProtoKind.MapBytes or ProtoKind.MapMessage:
                    {
                        var map = obj[field.Name] as JsonObject ?? new JsonObject();
                        obj[field.Name] = map;
                        var (key, value) = DecodeMapEntry(reader.ReadLengthDelimited(), field);
                        map[key] = value;
                        break;
                    }

                default:
                    {
                        var value = DecodeValue(ref reader, wire, field);
                        if (field.Repeated)
                        {
                            var array = obj[field.Name] as JsonArray ?? new JsonArray();
                            obj[field.Name] = array;
                            array.Add(value);
                        }
                        else if (field.KeepZero || !IsZero(value))
                        {
                            obj[field.Name] = value;
                        }

                        break;
                    }
            }
        }

        return obj;
    }

    private static JsonNode? DecodeValue(ref ProtobufReader reader, int wire, ProtoField field)
    {
        switch (field.Kind)
        {
            case ProtoKind.String:
                return Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            case ProtoKind.Bytes:
                return Convert.ToBase64String(reader.ReadLengthDelimited());
            case ProtoKind.Int:
                return (long)reader.ReadVarint();
            case ProtoKind.Bool:
                return reader.ReadVarint() != 0;
            case ProtoKind.Message:
                return DecodeMessage(reader.ReadLengthDelimited(), field.Message!);
            case ProtoKind.IntOrString:
                return DecodeIntOrString(reader.ReadLengthDelimited());
            case ProtoKind.Quantity:
                return DecodeQuantity(reader.ReadLengthDelimited());
            default:
                reader.Skip(wire);
                return null;
        }
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        _ => false,
    };

    private static (string Key, JsonNode? Value) DecodeMapEntry(ReadOnlySpan<byte> entry, ProtoField field)
    {
        var reader = new ProtobufReader(entry);
        var key = string.Empty;
        JsonNode? value = field.Kind == ProtoKind.MapBytes ? string.Empty : field.Kind == ProtoKind.MapString ? string.Empty : null;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1 && wire == 2)
            {
                key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else if (number == 2 && wire == 2)
            {
                var bytes = reader.ReadLengthDelimited();
                value = field.Kind switch
                {
                    ProtoKind.MapBytes => Convert.ToBase64String(bytes),
                    ProtoKind.MapMessage when field.Message == "Quantity" => DecodeQuantity(bytes),
                    ProtoKind.MapMessage => DecodeMessage(bytes, field.Message!),
                    _ => Encoding.UTF8.GetString(bytes),
                };
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, value);
    }

    private static JsonNode? DecodeIntOrString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        long type = 0;
        long intValue = 0;
        var stringValue = string.Empty;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    type = (long)reader.ReadVarint();
                    break;
                case 2:
                    intValue = (int)reader.ReadVarint();
                    break;
                case 3 when wire == 2:
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return type == 1 ? stringValue : intValue;
    }

    private static JsonNode? DecodeQuantity(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1 && wire == 2)
            {
                return Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }

            reader.Skip(wire);
        }

        return "0";
    }
}
