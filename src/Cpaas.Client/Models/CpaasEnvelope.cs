using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary>
/// The keys every CPaaS response may carry. Success is <c>result: 1</c> (number or string); anything else is an
/// error whose code is <c>result</c>, whose message is in <c>msg</c> (or <c>error</c>, as other EnableX APIs
/// use), with detail in <c>desc</c> and sometimes <c>data</c>.
/// </summary>
public record CpaasEnvelope
{
    /// <summary>The result code as sent (a number is kept as its JSON text).</summary>
    [JsonPropertyName("result")]
    public string? Result { get; init; }

    [JsonPropertyName("msg")]
    public string? Msg { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("desc")]
    public string? Desc { get; init; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }

    /// <summary>True when <see cref="Result"/> is 1, sent as a number or a string.</summary>
    [JsonIgnore]
    public bool IsSuccess => ResultCode == 1;

    /// <summary><see cref="Result"/> as an integer, when it is one.</summary>
    [JsonIgnore]
    public int? ResultCode =>
        decimal.TryParse(Result?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var code)
        && decimal.Truncate(code) == code && code is >= int.MinValue and <= int.MaxValue
            ? (int)code
            : null;

    /// <summary>The error message: <c>msg</c>, else <c>error</c>.</summary>
    [JsonIgnore]
    public string? Message => !string.IsNullOrWhiteSpace(Msg) ? Msg : Error;
}
