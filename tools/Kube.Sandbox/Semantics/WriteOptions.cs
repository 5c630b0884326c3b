namespace Kube.Sandbox.Semantics;

/// <summary>Options of a create, update or patch: dryRun=All and fieldValidation (Strict, Warn, Ignore).</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldValidation = null)
{
    public static WriteOptions Default { get; } = new();

    /// <summary>Warnings for the response (Warning headers), e.g. unknown fields with fieldValidation=Warn.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// Admission that depends on who asks (ownerReferences with blockOwnerDeletion): called with the object to store
    /// and the stored one (null on create) before it is written; throws an ApiException to refuse.
    /// </summary>
    public Action<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject?>? Admission { get; init; }
}

/// <summary>DeleteOptions from the body or the query string.</summary>
public sealed record DeleteOptions(string? PropagationPolicy = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null, bool DryRun = false)
{
    public static DeleteOptions Default { get; } = new();
}
