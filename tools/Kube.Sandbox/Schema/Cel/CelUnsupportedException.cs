namespace Kube.Sandbox.Schema.Cel;

/// <summary>The rule uses CEL the sandbox does not evaluate (or fails at run time): the rule is then skipped.</summary>
public sealed class CelUnsupportedException(string message) : Exception(message);
