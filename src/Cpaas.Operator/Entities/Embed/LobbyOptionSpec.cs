using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.lobby.</summary>
[Description("Lobby.")]
public sealed record LobbyOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Lobby enabled (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("waitTimeout")]
    [Description("Wait timeout in seconds, a number written as a string, for example \"120\" (wait_timeout).")]
    [Pattern(SchemaPatterns.UnsignedIntegerString), MaxLength(10)]
    public string? WaitTimeout { get; init; }
}
