using Kube.Sandbox.Http;

namespace Kube.Sandbox.Schema;

/// <summary>What processing an object against a CRD schema found: pruned (unknown) fields and validation causes.</summary>
public sealed class SchemaOutcome
{
    public List<string> UnknownFields { get; } = [];

    public List<StatusCause> Causes { get; } = [];
}
