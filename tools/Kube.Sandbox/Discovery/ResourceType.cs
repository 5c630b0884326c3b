using System.Text.Json.Nodes;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Discovery;

/// <summary>Everything the server knows about one resource at one version: names, scope, schema, columns.</summary>
public sealed record ResourceType
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public string ListKind => Kind + "List";

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public bool HasStatus { get; init; }

    /// <summary>Defined by a CustomResourceDefinition (merge patch only, schema enforced, resourceVersion required on update).</summary>
    public bool IsCustom { get; init; }

    /// <summary>Not stored: a review answered on create (SelfSubjectAccessReview).</summary>
    public bool IsVirtual { get; init; }

    /// <summary>The structural schema of this version (CRDs only).</summary>
    public JsonObject? Schema { get; init; }

    public IReadOnlyList<PrinterColumn> Columns { get; init; } = [];

    /// <summary>The CRD version names served for this resource, for apiVersion checks.</summary>
    public GroupResource GroupResource => new(Group, Plural);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;
}
