using Kube.Sandbox.Auth;
using Kube.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Kube.Sandbox.Audit;

/// <summary>What one request's audit events say, filled in as the pipeline learns it (who, what, the decision, the answer).</summary>
internal sealed class RequestAudit
{
    private readonly HttpContext _context;
    private readonly string _auditId = Guid.NewGuid().ToString();
    private readonly DateTimeOffset _received;
    private readonly List<AdmissionAuthorization> _admission = [];

    public RequestAudit(HttpContext context, DateTimeOffset received)
    {
        _context = context;
        _received = received;
    }

    public UserIdentity? Authenticated { get; set; }

    public UserIdentity? Effective { get; set; }

    public ApiRequestInfo? Info { get; set; }

    public bool? Allowed { get; set; }

    public ApiException? Error { get; set; }

    public void Admission(RequestAttributes attributes, bool allowed) => _admission.Add(new AdmissionAuthorization(attributes, allowed));

    public AuditEvent ToEvent(string stage, DateTimeOffset now)
    {
        var request = _context.Request;
        var info = Info ?? ApiRequestInfo.Parse(request);
        var code = Error?.Code ?? _context.Response.StatusCode;
        return new AuditEvent
        {
            AuditId = _auditId,
            Stage = stage,
            RequestUri = request.Path.Value + request.QueryString.Value,
            Verb = info.Verb,
            User = Authenticated is null ? AuditUser.Anonymous : new AuditUser(Authenticated.Name, Authenticated.Groups),
            ImpersonatedUser = Effective is not null && !ReferenceEquals(Effective, Authenticated) ? new AuditUser(Effective.Name, Effective.Groups) : null,
            SourceIps = _context.Connection.RemoteIpAddress is { } ip ? [ip.ToString()] : [],
            UserAgent = request.Headers.UserAgent.ToString(),
            ObjectRef = info.IsResourceRequest ? ObjectRefOf(info) : null,
            ResponseStatus = new AuditResponseStatus(code, Error?.Reason, Error?.Message),
            RequestReceivedTimestamp = _received,
            StageTimestamp = now,
            Decision = Allowed switch { true => "allow", false => "forbid", null => null },
            AdmissionAuthorizations = [.. _admission],
        };
    }

    // kube-apiserver's RequestInfo names a Namespace object's own namespace after it (/api/v1/namespaces/NAME).
    private static AuditObjectRef ObjectRefOf(ApiRequestInfo info)
    {
        var ns = info.Group.Length == 0 && info.Resource == "namespaces" && info.Name.Length > 0 ? info.Name : info.Namespace;
        return new AuditObjectRef(info.Resource, ns, info.Name, info.Group, info.Version, info.Subresource);
    }
}
