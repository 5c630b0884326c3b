using Controller.Runtime.Cache;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// Turns each CpaasProject into the summary the informer caches (docs/decisions/0063-project-cache-summary.md): what
/// the drift sweep, the fleet metrics, the claims check and the event filters read, nothing more. A reconcile reads
/// the whole object with one GET (<see cref="Reconciliation.ProjectLoader"/>).
/// <list type="bullet">
/// <item>metadata without managedFields and kubectl's last-applied-configuration (a second copy of the spec);</item>
/// <item>the spec's top-level fields; each section (video, voice, sms, embed) only as present or absent, one shared
/// empty instance per kind, so which services a project includes is still known;</item>
/// <item>the status without what only a reconcile reads (applied-input digests, the observed project, services and
/// embed room, the last drift repair);</item>
/// <item>the strings every resource repeats (apiVersion, kind, namespaces, keys, finalizers, condition types,
/// statuses, reasons and messages, the category) shared through one bounded <see cref="StringPool"/>.</item>
/// </list>
/// The informer decodes with <see cref="ProjectSummaryJson"/>, so the sections and those status fields are skipped in
/// the JSON and never built; this transform does the rest (and the same to an object decoded whole, as in tests).
/// Writes never send a cached object back: status and metadata are patched by key from the object a reconcile read,
/// so nothing left out here is lost on the server.
/// </summary>
public sealed class ProjectCacheTransform
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    // One shared, empty instance per section kind: "present" (records are immutable, sharing them is safe).
    internal static readonly VideoSpec PresentVideo = new();
    internal static readonly VoiceSpec PresentVoice = new();
    internal static readonly SmsSpec PresentSms = new();
    internal static readonly EmbedSpec PresentEmbed = new();

    private readonly StringPool _strings;

    public ProjectCacheTransform(StringPool? strings = null) => _strings = strings ?? new StringPool();

    public CpaasProject Apply(CpaasProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        project.Metadata?.Annotations?.Remove(LastAppliedAnnotation);
        MetadataSharing.Apply(project, _strings);
        project.Spec = Summary(project.Spec);
        project.Status = project.Status is null ? null : Summary(project.Status);
        return project;
    }

    private CpaasProjectSpec Summary(CpaasProjectSpec spec) => spec with
    {
        CategoryId = _strings.Share(spec.CategoryId)!,
        Video = spec.Video is null ? null : PresentVideo,
        Voice = spec.Voice is null ? null : PresentVoice,
        Sms = spec.Sms is null ? null : PresentSms,
        Embed = spec.Embed is null ? null : PresentEmbed,
    };

    private CpaasProjectStatus Summary(CpaasProjectStatus status) => status with
    {
        Conditions = status.Conditions?.Select(Shared).ToList(),
        AppliedInputDigests = null,
        AppliedInputHashes = null,
        ProjectStatus = null,
        Services = null,
        Embed = null,
        LastDriftRepair = null,
        DriftedFields = null,
        NotComparableFields = null,
    };

    private V1Condition Shared(V1Condition condition)
    {
        condition.Type = _strings.Share(condition.Type);
        condition.Status = _strings.Share(condition.Status);
        condition.Reason = _strings.Share(condition.Reason);
        condition.Message = _strings.Share(condition.Message);
        return condition;
    }
}
