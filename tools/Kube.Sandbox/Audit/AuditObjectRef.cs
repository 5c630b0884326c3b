using System.Text.Json.Nodes;

namespace Kube.Sandbox.Audit;

/// <summary>The object a resource request is about, named as RBAC names it (core group: empty API group).</summary>
public sealed record AuditObjectRef(string Resource, string Namespace, string Name, string ApiGroup, string ApiVersion, string Subresource)
{
    /// <summary>"resource" or "resource/subresource", the way RBAC rules list it.</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>Empty strings are left out, as kube-apiserver's omitempty does.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["resource"] = Resource };
        Add(json, "namespace", Namespace);
        Add(json, "name", Name);
        Add(json, "apiGroup", ApiGroup);
        Add(json, "apiVersion", ApiVersion);
        Add(json, "subresource", Subresource);
        return json;
    }

    private static void Add(JsonObject json, string key, string value)
    {
        if (value.Length > 0)
        {
            json[key] = value;
        }
    }
}
