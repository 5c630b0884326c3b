using Cpaas.Client.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The CPaaS writes that bring a project to its spec: at most one Edit and one PATCH per section, each carrying
/// only the keys that differ. Built by the mapping layer from the desired state and what GET returned.
/// </summary>
public sealed record ProjectPlan
{
    public ProjectUpdateRequest? Edit { get; init; }
    public VideoSettingsPatch? Video { get; init; }
    public VoiceSettingsPatch? Voice { get; init; }
    public SmsSettings? Sms { get; init; }
    public VideoEmbedPatch? Embed { get; init; }

    /// <summary>Names (paths) of the fields that differ, for events, drift reports and logs. Never values.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    public bool IsEmpty => Edit is null && Video is null && Voice is null && Sms is null && Embed is null;

    /// <summary>Number of CPaaS calls the plan costs.</summary>
    public int CallCount => (Edit is null ? 0 : 1) + (Video is null ? 0 : 1) + (Voice is null ? 0 : 1) + (Sms is null ? 0 : 1) + (Embed is null ? 0 : 1);

    public static ProjectPlan Empty { get; } = new();
}
