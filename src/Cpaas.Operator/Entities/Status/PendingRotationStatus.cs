using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// A key rotation in flight: recorded before reset_key is called so that a crash in between neither repeats nor
/// loses the rotation. Holds a salted hash of the key before the rotation, never a key.
/// </summary>
public sealed record PendingRotationStatus
{
    [JsonPropertyName("token")]
    [Description("The spec.apiKeyRotation.requestedAt value being handled.")]
    public string? Token { get; init; }

    [JsonPropertyName("previousKeyHash")]
    [Description("Salted hash of the app key before the rotation; a different key on GET means reset_key already happened.")]
    public string? PreviousKeyHash { get; init; }
}
