using System.Text.Json.Serialization;

namespace Cpaas.Operator.Entities.Summary;

/// <summary>
/// A spec section (video, voice, sms, embed) known only to be there: which services a project includes, without
/// its settings. Decoding passes over the section's JSON (<see cref="SectionPresenceConverter"/>), so none of its
/// strings or objects are built; every present section is this one instance.
/// </summary>
[JsonConverter(typeof(SectionPresenceConverter))]
public sealed class SectionPresence
{
    public static SectionPresence Present { get; } = new();

    private SectionPresence()
    {
    }
}
