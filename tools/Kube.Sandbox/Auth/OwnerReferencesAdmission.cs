using System.Text.Json.Nodes;
using Kube.Sandbox.Audit;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Auth;

/// <summary>
/// kube-apiserver's OwnerReferencesPermissionEnforcement admission plugin: changing an object's ownerReferences
/// (other than on create) needs delete on the object; a new ownerReference with blockOwnerDeletion=true needs
/// update on the owner's finalizers subresource. The decisions go into the request's audit event.
/// </summary>
internal sealed class OwnerReferencesAdmission
{
    private readonly RbacAuthorizer _authorizer;
    private readonly ResourceCatalog _catalog;

    public OwnerReferencesAdmission(RbacAuthorizer authorizer, ResourceCatalog catalog)
    {
        _authorizer = authorizer;
        _catalog = catalog;
    }

    public void Check(UserIdentity user, ResourceType type, string ns, JsonObject obj, JsonObject? previous, RequestAudit audit)
    {
        var references = obj["metadata"]?["ownerReferences"] as JsonArray;
        var previousReferences = previous?["metadata"]?["ownerReferences"] as JsonArray;
        if (JsonNode.DeepEquals(references ?? [], previousReferences ?? []))
        {
            return;
        }

        var name = (string?)obj["metadata"]?["name"] ?? string.Empty;
        if (previous is not null)
        {
            var delete = new RequestAttributes("delete", true, string.Empty, type.Group, type.Plural, string.Empty, ns, name);
            Require(user, delete, audit, "cannot set an ownerRef on a resource you can't delete", type, name);
        }

        foreach (var reference in NewBlockingReferences(references, previousReferences))
        {
            var apiVersion = (string?)reference["apiVersion"] ?? string.Empty;
            var kind = (string?)reference["kind"] ?? string.Empty;
            var owner = _catalog.FindByKind(apiVersion, kind)
                ?? throw Forbidden(type, name, $"cannot set blockOwnerDeletion in this case because cannot find RESTMapping for APIVersion {apiVersion} Kind {kind}");
            var finalizers = new RequestAttributes("update", true, string.Empty, owner.Group, owner.Plural, "finalizers", owner.Namespaced ? ns : string.Empty, (string?)reference["name"] ?? string.Empty);
            Require(user, finalizers, audit, "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on", type, name);
        }
    }

    // References with blockOwnerDeletion=true whose owner (by uid) was not already blocking.
    private static IEnumerable<JsonObject> NewBlockingReferences(JsonArray? references, JsonArray? previousReferences)
    {
        var blocking = (previousReferences ?? []).OfType<JsonObject>()
            .Where(IsBlocking)
            .Select(r => (string?)r["uid"])
            .ToHashSet(StringComparer.Ordinal);
        return (references ?? []).OfType<JsonObject>().Where(r => IsBlocking(r) && !blocking.Contains((string?)r["uid"]));
    }

    private static bool IsBlocking(JsonObject reference) => reference["blockOwnerDeletion"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private void Require(UserIdentity user, RequestAttributes check, RequestAudit audit, string why, ResourceType type, string name)
    {
        var allowed = _authorizer.Allows(user, check);
        audit.Admission(check, allowed);
        if (!allowed)
        {
            throw Forbidden(type, name, $"{why}: , <nil>");
        }
    }

    private static ApiException Forbidden(ResourceType type, string name, string why)
    {
        var qualified = type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";
        return new ApiException(403, "Forbidden", $"{qualified} \"{name}\" is forbidden: {why}", name, type.Group, type.Plural);
    }
}
