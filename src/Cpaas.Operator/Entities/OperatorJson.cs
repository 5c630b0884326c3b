using Controller.Runtime.Serialization;

namespace Cpaas.Operator.Entities;

/// <summary>The JSON of every object the operator exchanges with the API server: its own kinds and the built-in ones.</summary>
public static class OperatorJson
{
    public static KubeJson Kube { get; } = new(OperatorJsonContext.Default);
}
