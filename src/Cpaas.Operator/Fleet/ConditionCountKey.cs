namespace Cpaas.Operator.Fleet;

/// <summary>The labels of one <c>cpaas_operator_projects</c> series: no per-name label, so the series count is bounded.</summary>
public readonly record struct ConditionCountKey(string Namespace, string Condition, string Status, string Reason);
