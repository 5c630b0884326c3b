using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Http;
using Kube.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Kube.Sandbox.Semantics;

/// <summary>
/// The controllers kube-controller-manager would run that matter to the API's users: owner-reference garbage
/// collection (background, foreground, orphan) and namespace deletion. Driven by the store's change feed.
/// </summary>
public sealed partial class GarbageCollector
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    private readonly ResourceService _service;
    private readonly ILogger _logger;

    public GarbageCollector(ResourceService service, ILogger logger)
    {
        _service = service;
        _logger = logger;
    }

    private ObjectStore Store => _service.Store;

    public async Task RunAsync(WatchSubscription feed, CancellationToken ct)
    {
        try
        {
            await foreach (var item in feed.Reader.ReadAllAsync(ct))
            {
                if (item.Event is { } e)
                {
                    try
                    {
                        Handle(e);
                    }
                    catch (ApiException ex)
                    {
                        LogStep(_logger, e.Object.Resource.ToString(), e.Object.Name, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Sandbox stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "garbage collection step for {Resource} {Name} skipped: {Reason}")]
    private static partial void LogStep(ILogger logger, string resource, string name, string reason);

    private void Handle(StoreEvent e)
    {
        var obj = e.Object.ToJson();
        if (e.Type == StoreEventType.Deleted)
        {
            foreach (var dependent in DependentsOf(e.Object.Uid))
            {
                ReleaseOrDelete(dependent, e.Object.Uid);
            }

            foreach (var ownerRef in ObjectMeta.OwnerReferences(obj))
            {
                if (Store.FindByUid((string?)ownerRef["uid"] ?? string.Empty) is { } owner)
                {
                    TryFinishForeground(owner);
                }
            }

            if (e.Object.Namespace.Length > 0)
            {
                TryFinishNamespace(e.Object.Namespace);
            }

            return;
        }

        if (ObjectMeta.IsDeleting(obj))
        {
            var finalizers = ObjectMeta.Finalizers(obj);
            if (finalizers.Contains(OrphanFinalizer))
            {
                Orphan(e.Object);
            }
            else if (finalizers.Contains(ForegroundFinalizer))
            {
                foreach (var dependent in DependentsOf(e.Object.Uid))
                {
                    DeleteQuietly(dependent, "Foreground");
                }

                TryFinishForeground(e.Object);
            }

            if (e.Object.Resource == new GroupResource(string.Empty, "namespaces"))
            {
                foreach (var member in Store.ListNamespace(e.Object.Name))
                {
                    DeleteQuietly(member, "Background");
                }

                TryFinishNamespace(e.Object.Name);
            }

            return;
        }

        if (e.Type == StoreEventType.Added)
        {
            var owners = ObjectMeta.OwnerReferences(obj).ToList();
            if (owners.Count > 0 && owners.All(o => Store.FindByUid((string?)o["uid"] ?? string.Empty) is null))
            {
                // Every owner is gone (or never existed): the dependent is garbage, as kube-controller-manager decides.
                DeleteQuietly(e.Object, "Background");
            }
        }
    }

    private List<StoredObject> DependentsOf(string uid) =>
        Store.ListEverything().Where(o => ObjectMeta.OwnerReferences(o.ToJson()).Any(r => (string?)r["uid"] == uid)).ToList();

    private void ReleaseOrDelete(StoredObject dependent, string goneOwnerUid)
    {
        var obj = dependent.ToJson();
        var others = ObjectMeta.OwnerReferences(obj).Where(r => (string?)r["uid"] != goneOwnerUid).ToList();
        if (others.Any(r => Store.FindByUid((string?)r["uid"] ?? string.Empty) is not null))
        {
            RemoveOwnerReference(dependent, goneOwnerUid);
        }
        else
        {
            DeleteQuietly(dependent, "Background");
        }
    }

    private void Orphan(StoredObject owner)
    {
        foreach (var dependent in DependentsOf(owner.Uid))
        {
            RemoveOwnerReference(dependent, owner.Uid);
        }

        RemoveFinalizer(owner, OrphanFinalizer);
    }

    private void TryFinishForeground(StoredObject owner)
    {
        var obj = owner.ToJson();
        if (!ObjectMeta.IsDeleting(obj) || !ObjectMeta.Finalizers(obj).Contains(ForegroundFinalizer))
        {
            return;
        }

        if (DependentsOf(owner.Uid).Count == 0)
        {
            RemoveFinalizer(owner, ForegroundFinalizer);
        }
    }

    private void TryFinishNamespace(string name)
    {
        var ns = Store.Get(new GroupResource(string.Empty, "namespaces"), string.Empty, name);
        if (ns is null || !ObjectMeta.IsDeleting(ns.ToJson()) || Store.ListNamespace(name).Count > 0)
        {
            return;
        }

        Modify(ns, obj =>
        {
            if (obj["spec"] is JsonObject spec)
            {
                spec["finalizers"] = new JsonArray();
            }
        }, "finalize");
    }

    private void RemoveOwnerReference(StoredObject dependent, string ownerUid) =>
        Modify(dependent, obj =>
        {
            var refs = ObjectMeta.OwnerReferences(obj).Where(r => (string?)r["uid"] != ownerUid).Select(r => (JsonNode)r.DeepClone()).ToArray();
            var metadata = ObjectMeta.Metadata(obj);
            if (refs.Length == 0)
            {
                metadata.Remove("ownerReferences");
            }
            else
            {
                metadata["ownerReferences"] = new JsonArray(refs);
            }
        });

    private void RemoveFinalizer(StoredObject target, string finalizer) =>
        Modify(target, obj => ObjectMeta.SetFinalizers(obj, ObjectMeta.Finalizers(obj).Where(f => f != finalizer).ToList()));

    private void Modify(StoredObject target, Action<JsonObject> change, string? subresource = null)
    {
        var type = _service.Catalog.FindAnyVersion(target.Resource);
        if (type is null)
        {
            return;
        }

        // Optimistic concurrency like a real controller: re-read and retry on conflict, a bounded number of times.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = Store.Get(target.Resource, target.Namespace, target.Name);
            if (current is null || current.Uid != target.Uid)
            {
                return;
            }

            var obj = current.ToJson();
            change(obj);
            try
            {
                _service.Update(type, target.Namespace, target.Name, obj, subresource, WriteOptions.Default);
                return;
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Changed meanwhile: try again with the new version.
            }
            catch (ApiException e) when (e.Code == 404)
            {
                return;
            }
        }
    }

    private void DeleteQuietly(StoredObject target, string propagation)
    {
        var type = _service.Catalog.FindAnyVersion(target.Resource);
        if (type is null || type.IsVirtual)
        {
            return;
        }

        try
        {
            _service.Delete(type, target.Namespace, target.Name, new DeleteOptions(propagation, PreconditionUid: target.Uid));
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already, or replaced by a new object of the same name.
        }
    }
}
