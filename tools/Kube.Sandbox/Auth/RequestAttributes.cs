namespace Kube.Sandbox.Auth;

/// <summary>What a request asks to do, in the terms RBAC rules are written in.</summary>
public sealed record RequestAttributes(
    string Verb,
    bool IsResourceRequest,
    string Path,
    string Group = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "")
{
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>The Forbidden message kube-apiserver gives for this request.</summary>
    public string ForbiddenMessage(string user)
    {
        if (!IsResourceRequest)
        {
            return $"forbidden: User \"{user}\" cannot {Verb} path \"{Path}\"";
        }

        var qualified = Group.Length == 0 ? Resource : $"{Resource}.{Group}";
        var subject = Name.Length == 0 ? qualified : $"{qualified} \"{Name}\"";
        var scope = Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace \"{Namespace}\"";
        return $"{subject} is forbidden: User \"{user}\" cannot {Verb} resource \"{CombinedResource}\" in API group \"{Group}\" {scope}";
    }
}
