namespace Cpaas.Operator.Mapping;

/// <summary>The project <c>status</c> values the operator writes through Edit (spec.suspended).</summary>
public static class ProjectStatusValues
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
