namespace Kube.Sandbox.Semantics;

/// <summary>Options of a create, update or patch: dryRun=All and fieldValidation (Strict, Warn, Ignore).</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldValidation = null)
{
    public static WriteOptions Default { get; } = new();

    /// <summary>Warnings for the response (Warning headers), e.g. unknown fields with fieldValidation=Warn.</summary>
    public List<string> Warnings { get; } = [];
}

/// <summary>DeleteOptions from the body or the query string.</summary>
public sealed record DeleteOptions(string? PropagationPolicy = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null, bool DryRun = false)
{
    public static DeleteOptions Default { get; } = new();
}
