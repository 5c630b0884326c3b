using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Semantics;

/// <summary>The query parameters of a list (and of a watch where they apply).</summary>
public sealed record ListOptions
{
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;

    public FieldSelector Fields { get; init; } = FieldSelector.Everything;

    public int? Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }
}
