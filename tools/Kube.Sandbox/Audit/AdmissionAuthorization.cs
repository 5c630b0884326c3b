using Kube.Sandbox.Auth;

namespace Kube.Sandbox.Audit;

/// <summary>An authorization decision made by admission for a request (not the request's own verb).</summary>
public sealed record AdmissionAuthorization(RequestAttributes Attributes, bool Allowed)
{
    public override string ToString()
    {
        var group = Attributes.Group.Length == 0 ? string.Empty : "." + Attributes.Group;
        var where = Attributes.Namespace.Length == 0 ? Attributes.Name : $"{Attributes.Namespace}/{Attributes.Name}";
        return $"{(Allowed ? "allow" : "forbid")} {Attributes.Verb} {Attributes.Resource}{group}{(Attributes.Subresource.Length == 0 ? string.Empty : "/" + Attributes.Subresource)} {where}";
    }
}
