namespace Cpaas.Operator.Fleet;

/// <summary>The labels of one <c>cpaas_operator_oldest_not_ready_seconds</c> series.</summary>
public readonly record struct NotReadyKey(string Namespace, string Reason);
