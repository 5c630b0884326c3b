using System.Globalization;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Audit;

/// <summary>
/// One request as kube-apiserver's audit log records it at level Metadata (audit.k8s.io/v1 Event): who, what
/// (verb and objectRef, named as RBAC names them), the URI with its query string, the user agent and the answer.
/// </summary>
public sealed record AuditEvent
{
    public const string StageResponseStarted = "ResponseStarted";
    public const string StageResponseComplete = "ResponseComplete";

    /// <summary>The annotation kube-apiserver's authorizer adds: "allow" or "forbid".</summary>
    public const string DecisionAnnotation = "authorization.k8s.io/decision";

    /// <summary>
    /// The sandbox's own annotation: what the OwnerReferencesPermissionEnforcement admission check authorized for this
    /// request (kube-apiserver authorizes these too, but does not audit them), as "allow|forbid VERB RESOURCE/SUB NS/NAME".
    /// </summary>
    public const string AdmissionAuthorizationAnnotation = "kube-sandbox.cpaas.enablex.io/admission-authorization";

    public required string AuditId { get; init; }

    public required string Stage { get; init; }

    /// <summary>Path and query string, as sent.</summary>
    public required string RequestUri { get; init; }

    /// <summary>get, list, watch, create, update, patch, delete, deletecollection; the lower-case HTTP method for non-resource paths.</summary>
    public required string Verb { get; init; }

    /// <summary>The authenticated user; empty for a request without valid credentials (401).</summary>
    public required AuditUser User { get; init; }

    /// <summary>Who the request ran as when it impersonated someone (kubectl --as).</summary>
    public AuditUser? ImpersonatedUser { get; init; }

    public IReadOnlyList<string> SourceIps { get; init; } = [];

    public string UserAgent { get; init; } = string.Empty;

    /// <summary>Null for non-resource requests (discovery, /version, /openapi).</summary>
    public AuditObjectRef? ObjectRef { get; init; }

    public required AuditResponseStatus ResponseStatus { get; init; }

    public required DateTimeOffset RequestReceivedTimestamp { get; init; }

    public required DateTimeOffset StageTimestamp { get; init; }

    /// <summary>"allow", "forbid", or null when the request never reached authorization (401, bad impersonation).</summary>
    public string? Decision { get; init; }

    /// <summary>Authorization checks of admission (ownerReferences with blockOwnerDeletion), in the request's terms.</summary>
    public IReadOnlyList<AdmissionAuthorization> AdmissionAuthorizations { get; init; } = [];

    /// <summary>The user the request ran as: the impersonated one if any, else the authenticated one.</summary>
    public AuditUser EffectiveUser => ImpersonatedUser ?? User;

    /// <summary>The event as kube-apiserver writes it to --audit-log-path (one JSON object per line).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = AuditId,
            ["stage"] = Stage,
            ["requestURI"] = RequestUri,
            ["verb"] = Verb,
            ["user"] = User.ToJson(),
        };
        if (ImpersonatedUser is not null)
        {
            json["impersonatedUser"] = ImpersonatedUser.ToJson();
        }

        json["sourceIPs"] = new JsonArray([.. SourceIps.Select(ip => (JsonNode?)ip)]);
        if (UserAgent.Length > 0)
        {
            json["userAgent"] = UserAgent;
        }

        if (ObjectRef is not null)
        {
            json["objectRef"] = ObjectRef.ToJson();
        }

        json["responseStatus"] = ResponseStatus.ToJson();
        json["requestReceivedTimestamp"] = MicroTime(RequestReceivedTimestamp);
        json["stageTimestamp"] = MicroTime(StageTimestamp);
        var annotations = new JsonObject();
        if (Decision is not null)
        {
            annotations[DecisionAnnotation] = Decision;
            annotations["authorization.k8s.io/reason"] = string.Empty;
        }

        if (AdmissionAuthorizations.Count > 0)
        {
            annotations[AdmissionAuthorizationAnnotation] = string.Join("; ", AdmissionAuthorizations.Select(a => a.ToString()));
        }

        if (annotations.Count > 0)
        {
            json["annotations"] = annotations;
        }

        return json;
    }

    // metav1.MicroTime: RFC 3339 with microseconds, in UTC.
    private static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
