namespace Cpaas.Operator.Fleet;

/// <summary>The labels of one <c>cpaas_operator_oldest_not_ready_seconds</c> series.</summary>
public sealed record NotReadyKey(string Namespace, string Reason);
