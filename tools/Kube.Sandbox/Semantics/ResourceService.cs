using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Http;
using Kube.Sandbox.Patching;
using Kube.Sandbox.Schema;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Semantics;

/// <summary>
/// The registry semantics of kube-apiserver on top of the store: create/update/patch/delete with
/// resourceVersion preconditions, generation, status subresource isolation, finalizers and deletionTimestamp,
/// built-in defaults, CRD schemas, and keeping discovery current when CRDs change.
/// </summary>
public sealed class ResourceService
{
    private static readonly string[] ProtectedNamespaces = ["default", "kube-system", "kube-public"];
    private static readonly GroupResource NamespacesResource = new(string.Empty, "namespaces");

    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly BuiltinDefaults _defaults = new();

    public ResourceService(ObjectStore store, ResourceCatalog catalog, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
    }

    public ObjectStore Store => _store;

    public ResourceCatalog Catalog => _catalog;

    private DateTimeOffset Now => _time.GetUtcNow();

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    private static JsonObject AsVersion(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        return obj;
    }

    public JsonObject Get(ResourceType type, string ns, string name)
    {
        var stored = _store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.Plural, type.Group, name);
        return AsVersion(type, stored.ToJson());
    }

    public JsonObject List(ResourceType type, string ns, ListOptions options)
    {
        var (items, listRv) = _store.List(type.GroupResource, ns);
        string? startAfter = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            var token = ContinueToken.Decode(options.Continue);
            if (token.ResourceVersion < _store.CompactedThrough)
            {
                throw ApiException.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }

            startAfter = token.StartAfter;
            listRv = token.ResourceVersion;
        }
        else if (options.ResourceVersionMatch == "Exact" && long.TryParse(options.ResourceVersion, out var exact) && exact != listRv)
        {
            // History is not kept, only the log: an exact older version is answered like a compacted one.
            throw _store.TooOld(exact);
        }

        // Like kube-apiserver, a page reads no further than its limit: objects after it are neither decoded nor
        // matched. remainingItemCount is known only when nothing filters the list; with a selector it is left out and
        // continue is set whenever more objects follow, so the last page may be empty.
        var filtered = !options.Labels.IsEmpty || !options.Fields.IsEmpty;
        var limit = options.Limit is { } l and > 0 ? l : int.MaxValue;
        var result = new JsonArray();
        string? lastKey = null;
        int? remaining = null;
        var more = false;
        for (var i = 0; i < items.Count; i++)
        {
            var stored = items[i];
            var key = stored.Namespace + "/" + stored.Name;
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0)
            {
                continue;
            }

            if (result.Count >= limit)
            {
                more = true;
                remaining = filtered ? null : items.Count - i;
                break;
            }

            var obj = stored.ToJson();
            if (!options.Labels.Matches(obj) || !options.Fields.Matches(obj))
            {
                continue;
            }

            result.Add(AsVersion(type, obj));
            lastKey = key;
        }

        var metadata = new JsonObject { ["resourceVersion"] = Rv(listRv) };
        if (more && lastKey is not null)
        {
            metadata["continue"] = new ContinueToken(listRv, lastKey).Encode();
            if (remaining is { } count)
            {
                metadata["remainingItemCount"] = count;
            }
        }

        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = result,
        };
    }

    public JsonObject Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        var obj = body.DeepClone().AsObject();
        CheckKind(type, obj);
        AsVersion(type, obj);
        var metadata = ObjectMeta.Metadata(obj);
        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name))
        {
            var generateName = (string?)metadata["generateName"];
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiException.Invalid(type.Kind, type.Group, string.Empty, [new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
            }

            name = ObjectNames.Generate(generateName);
            metadata["name"] = name;
        }

        if (!string.IsNullOrEmpty((string?)metadata["resourceVersion"]))
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        if (type.Namespaced)
        {
            var bodyNs = (string?)metadata["namespace"];
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
            RequireActiveNamespace(ns, type);
        }
        else
        {
            metadata.Remove("namespace");
        }

        var causes = ObjectNames.Validate(type.Group, type.Plural, name).ToList();
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Timestamp(Now);
        metadata["generation"] = 1;
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("selfLink");
        if (type.HasStatus)
        {
            obj.Remove("status");
        }

        Admit(type, obj, null, options, causes);

        var result = _store.Mutate(type.GroupResource, type.Namespaced ? ns : string.Empty, name, current =>
            current is null ? Mutation.Put(obj) : throw ApiException.AlreadyExists(type.Plural, type.Group, name), options.DryRun);
        AfterWrite(type);
        var created = AsVersion(type, result.Object!.ToJson());
        if (options.DryRun)
        {
            // Not stored: no resourceVersion yet.
            ObjectMeta.Metadata(created).Remove("resourceVersion");
        }

        return created;
    }

    public JsonObject Update(ResourceType type, string ns, string name, JsonObject body, string? subresource, WriteOptions options)
    {
        var candidate = body.DeepClone().AsObject();
        CheckKind(type, candidate);
        var bodyName = ObjectMeta.Name(candidate);
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var result = _store.Mutate(type.GroupResource, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, type.Group, name);
            }

            var rv = ObjectMeta.ResourceVersion(candidate);
            if (string.IsNullOrEmpty(rv) && type.IsCustom)
            {
                throw ApiException.Invalid(type.Kind, type.Group, name, [new StatusCause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion")]);
            }

            return PrepareUpdate(type, current, candidate, subresource, options);
        }, options.DryRun);
        AfterWrite(type);
        return AsVersion(type, (result.Object ?? throw ApiException.NotFound(type.Plural, type.Group, name)).ToJson());
    }

    public JsonObject Patch(ResourceType type, string ns, string name, string contentType, JsonNode? patch, string? subresource, WriteOptions options)
    {
        // Server-side apply creates what does not exist yet (applied as a merge otherwise: no field ownership).
        if (contentType == "application/apply-patch+yaml" && subresource is null && patch is JsonObject applied
            && _store.Get(type.GroupResource, ns, name) is null)
        {
            var body = applied.DeepClone().AsObject();
            ObjectMeta.Metadata(body)["name"] = name;
            try
            {
                return Create(type, ns, body, options);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists")
            {
                // Created meanwhile: fall through to the patch.
            }
        }

        var result = _store.Mutate(type.GroupResource, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, type.Group, name);
            }

            var original = AsVersion(type, current.ToJson());
            var patched = contentType switch
            {
                "application/merge-patch+json" => JsonMergePatch.Apply(original, patch),
                "application/json-patch+json" => JsonPatch.Apply(original, patch),
                "application/strategic-merge-patch+json" when type.IsCustom =>
                    throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(original, patch),
                "application/apply-patch+yaml" => JsonMergePatch.Apply(original, patch),
                _ => throw ApiException.UnsupportedMediaType(contentType),
            };
            if (patched is not JsonObject candidate)
            {
                throw ApiException.BadRequest("the patch did not produce an object");
            }

            return PrepareUpdate(type, current, candidate, subresource, options);
        }, options.DryRun);
        AfterWrite(type);
        return AsVersion(type, (result.Object ?? throw ApiException.NotFound(type.Plural, type.Group, name)).ToJson());
    }

    private Mutation PrepareUpdate(ResourceType type, StoredObject current, JsonObject candidate, string? subresource, WriteOptions options)
    {
        var old = AsVersion(type, current.ToJson());
        var rv = ObjectMeta.ResourceVersion(candidate);
        if (!string.IsNullOrEmpty(rv) && rv != Rv(current.ResourceVersion))
        {
            throw ApiException.Conflict(type.Plural, type.Group, current.Name);
        }

        JsonObject next;
        if (subresource == "status")
        {
            next = old.DeepClone().AsObject();
            if (candidate["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        else if (subresource == "finalize")
        {
            next = old.DeepClone().AsObject();
            next["spec"] ??= new JsonObject();
            next["spec"]!["finalizers"] = candidate["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray();
        }
        else
        {
            next = AsVersion(type, candidate.DeepClone().AsObject());
            var metadata = ObjectMeta.Metadata(next);
            var oldMetadata = ObjectMeta.Metadata(old);
            foreach (var systemField in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation" })
            {
                if (oldMetadata[systemField] is { } value)
                {
                    metadata[systemField] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(systemField);
                }
            }

            metadata.Remove("generateName");
            if (oldMetadata["generateName"] is { } generateName)
            {
                metadata["generateName"] = generateName.DeepClone();
            }

            if (type.HasStatus)
            {
                if (old["status"] is { } oldStatus)
                {
                    next["status"] = oldStatus.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
        }

        if (ObjectMeta.IsDeleting(old))
        {
            var added = ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(old)).ToList();
            if (added.Count > 0)
            {
                throw ApiException.Invalid(type.Kind, type.Group, current.Name, [new StatusCause("FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => JsonSerializer.Serialize(a)))}}}", "metadata.finalizers")]);
            }
        }

        Admit(type, next, old, options, []);

        // Generation counts changes of everything but metadata (and status, when it is a subresource).
        var generation = ObjectMeta.Generation(old);
        if (!JsonNode.DeepEquals(Content(type, old), Content(type, next)))
        {
            generation++;
        }

        ObjectMeta.Metadata(next)["generation"] = generation;
        ObjectMeta.Metadata(next)["resourceVersion"] = Rv(current.ResourceVersion);

        if (ObjectMeta.IsDeleting(next) && !HasPendingFinalizers(type, next))
        {
            return Mutation.Remove;
        }

        return JsonNode.DeepEquals(old, next) ? Mutation.Keep : Mutation.Put(next);
    }

    private static JsonObject Content(ResourceType type, JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        if (type.HasStatus)
        {
            copy.Remove("status");
        }

        return copy;
    }

    private static bool HasPendingFinalizers(ResourceType type, JsonObject obj)
    {
        if (ObjectMeta.Finalizers(obj).Count > 0)
        {
            return true;
        }

        return type.Group.Length == 0 && type.Plural == "namespaces" && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var kind = (string?)obj["kind"];
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        var apiVersion = (string?)obj["apiVersion"];
        if (!string.IsNullOrEmpty(apiVersion))
        {
            var (group, _) = ResourceCatalog.SplitApiVersion(apiVersion);
            if (group != type.Group)
            {
                throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
            }
        }
    }

    // Defaults, schema (prune, default, validate) and name rules; throws 400/422 as kube-apiserver would.
    private void Admit(ResourceType type, JsonObject obj, JsonObject? previous, WriteOptions options, List<StatusCause> causes)
    {
        BuiltinShapes.Check(type, obj);
        options.Admission?.Invoke(obj, previous);
        _defaults.Apply(type, obj, previous, Now);
        if (type.GroupResource == ResourceCatalog.CrdResource)
        {
            causes.AddRange(CrdValidation.Validate(obj));
        }

        if (type.IsCustom && type.Schema is not null)
        {
            var outcome = CustomResourceSchema.Process(obj, type.Schema);
            if (outcome.UnknownFields.Count > 0)
            {
                var unknown = outcome.UnknownFields.Select(f => $"unknown field \"{f}\"").ToList();
                switch (options.FieldValidation)
                {
                    case "Strict":
                        throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown)}");
                    case "Ignore":
                        break;
                    default:
                        options.Warnings.AddRange(unknown);
                        break;
                }
            }

            causes.AddRange(outcome.Causes);
            if (outcome.Causes.Count == 0)
            {
                CelRules.Validate(obj, previous, type.Schema, causes);
            }
        }

        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, type.Group, ObjectMeta.Name(obj) ?? string.Empty, causes);
        }
    }

    private void RequireActiveNamespace(string ns, ResourceType type)
    {
        var namespaceObject = _store.Get(NamespacesResource, string.Empty, ns) ?? throw ApiException.NotFound("namespaces", string.Empty, ns);
        if (ObjectMeta.IsDeleting(namespaceObject.ToJson()))
        {
            throw new ApiException(403, "Forbidden", $"{type.Plural}{(type.Group.Length == 0 ? string.Empty : "." + type.Group)} is forbidden: unable to create new content in namespace {ns} because it is being terminated", null, type.Group, type.Plural,
                [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]);
        }
    }

    public JsonObject Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        if (type.Group.Length == 0 && type.Plural == "namespaces" && ProtectedNamespaces.Contains(name))
        {
            throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted", name, string.Empty, "namespaces");
        }

        var result = _store.Mutate(type.GroupResource, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, type.Group, name);
            }

            if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
            {
                throw ApiException.Conflict(type.Plural, type.Group, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != Rv(current.ResourceVersion))
            {
                throw ApiException.Conflict(type.Plural, type.Group, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Rv(current.ResourceVersion)}");
            }

            var obj = current.ToJson();
            var finalizers = ObjectMeta.Finalizers(obj);
            var deleting = ObjectMeta.IsDeleting(obj);
            if (!deleting)
            {
                switch (options.PropagationPolicy)
                {
                    case "Foreground" when !finalizers.Contains(GarbageCollector.ForegroundFinalizer):
                        finalizers.Add(GarbageCollector.ForegroundFinalizer);
                        break;
                    case "Orphan" when !finalizers.Contains(GarbageCollector.OrphanFinalizer):
                        finalizers.Add(GarbageCollector.OrphanFinalizer);
                        break;
                }
            }

            ObjectMeta.SetFinalizers(obj, finalizers);
            if (!HasPendingFinalizers(type, obj))
            {
                return Mutation.Remove;
            }

            if (deleting)
            {
                // Already being deleted: a repeated delete changes nothing (and writes nothing).
                return Mutation.Keep;
            }

            var metadata = ObjectMeta.Metadata(obj);
            metadata["deletionTimestamp"] = ObjectMeta.Timestamp(Now);
            metadata["deletionGracePeriodSeconds"] = 0;
            metadata["generation"] = ObjectMeta.Generation(obj) + 1;
            if (type.Group.Length == 0 && type.Plural == "namespaces")
            {
                obj["status"] ??= new JsonObject();
                obj["status"]!["phase"] = "Terminating";
            }

            return Mutation.Put(obj);
        }, options.DryRun);

        if (result.Change == StoreEventType.Deleted && !options.DryRun && type.GroupResource == ResourceCatalog.CrdResource)
        {
            RemoveCustomResources(result.Object!.ToJson());
        }

        AfterWrite(type);
        var deleted = AsVersion(type, result.Object!.ToJson());
        if (result.Change == StoreEventType.Deleted && !type.IsCustom)
        {
            return new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = ObjectMeta.Uid(deleted) },
            };
        }

        return deleted;
    }

    public JsonObject DeleteCollection(ResourceType type, string ns, ListOptions listOptions, DeleteOptions options)
    {
        var list = List(type, ns, listOptions with { Limit = null, Continue = null });
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            try
            {
                Delete(type, type.Namespaced ? (string?)item["metadata"]?["namespace"] ?? ns : string.Empty, ObjectMeta.Name(item)!, options);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile: deletecollection is best effort per item, like kube-apiserver.
            }
        }

        return list;
    }

    // Deleting a CRD deletes its custom resources (kube-apiserver's customresourcecleanup finalizer does the same).
    private void RemoveCustomResources(JsonObject crd)
    {
        var group = (string?)crd["spec"]?["group"];
        var plural = (string?)crd["spec"]?["names"]?["plural"];
        if (group is null || plural is null)
        {
            return;
        }

        var resource = new GroupResource(group, plural);
        foreach (var stored in _store.List(resource, null).Items)
        {
            _store.Mutate(resource, stored.Namespace, stored.Name, _ => Mutation.Remove);
        }
    }

    private void AfterWrite(ResourceType type)
    {
        if (type.GroupResource == ResourceCatalog.CrdResource)
        {
            RefreshCatalog();
        }
    }

    public void RefreshCatalog() =>
        _catalog.Rebuild(_store.List(ResourceCatalog.CrdResource, null).Items.Select(s => s.ToJson()));

    /// <summary>Creates an object only if it does not exist yet (bootstrap of default namespaces).</summary>
    public void EnsureExists(ResourceType type, JsonObject obj)
    {
        try
        {
            Create(type, (string?)obj["metadata"]?["namespace"] ?? string.Empty, obj, WriteOptions.Default);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Already there.
        }
    }
}
