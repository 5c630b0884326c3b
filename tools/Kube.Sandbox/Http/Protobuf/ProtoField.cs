namespace Kube.Sandbox.Http.Protobuf;

internal enum ProtoKind
{
    String,
    Bytes,
    Int,
    Bool,
    Message,
    MapString,
    MapBytes,
    MapMessage,
    IntOrString,
    Quantity,
}

/// <summary>
/// One field of a Kubernetes protobuf message: its JSON name, how it is encoded, whether it repeats, and whether a
/// zero value is meaningful (pointer fields such as replicas). Go's protobuf encoder writes zero values of plain
/// fields that JSON would omit (omitempty), so those are dropped to give the same object as the JSON encoding.
/// </summary>
internal sealed record ProtoField(string Name, ProtoKind Kind, string? Message = null, bool Repeated = false, bool KeepZero = false);
