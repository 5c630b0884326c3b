using Cpaas.Sandbox.Store;

namespace Cpaas.Sandbox.Portal;

/// <summary>Edit-level fields to change out of band; null leaves a field as it is.</summary>
public sealed record PortalEdit
{
    public string? AppName { get; init; }

    public string? CategoryId { get; init; }

    public string? ShortDesc { get; init; }

    public string? Description { get; init; }

    /// <summary><see cref="ProjectStatus.Active"/> or <see cref="ProjectStatus.Suspended"/>.</summary>
    public string? Status { get; init; }

    public bool? Video { get; init; }

    public bool? Sms { get; init; }

    public bool? Voice { get; init; }
}
