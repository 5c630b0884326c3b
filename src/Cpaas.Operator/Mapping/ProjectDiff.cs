using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The minimal PATCH bodies that bring the project to the spec (null: that section needs no call), the names of
/// the fields they change (spec naming, never values), and the hashes of every write-only input the spec now
/// sets, to store in status.appliedInputHashes once the PATCH calls succeeded.
/// </summary>
public sealed record ProjectDiff(
    VideoSettingsPatch? Video,
    VoiceSettingsPatch? Voice,
    SmsSettings? Sms,
    VideoEmbedPatch? Embed,
    IReadOnlyList<string> ChangedFields,
    IReadOnlyDictionary<string, string> AppliedInputHashes)
{
    public bool HasChanges => Video is not null || Voice is not null || Sms is not null || Embed is not null;

    // The PATCH bodies hold resolved secret values: print only field names.
#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ChangedFields = [").AppendJoin(", ", ChangedFields).Append(']');
        return true;
    }
#pragma warning restore IDE0051
}
