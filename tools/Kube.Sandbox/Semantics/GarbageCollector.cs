using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
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
    private readonly TimeProvider _time;
    private readonly TimeSpan _namespaceCleanupDelay;
    private readonly Channel<Action> _deferred = Channel.CreateUnbounded<Action>();
    private readonly ConcurrentDictionary<string, ITimer> _namespaceTimers = new(StringComparer.Ordinal);

    public GarbageCollector(ResourceService service, ILogger logger, TimeProvider time, TimeSpan namespaceCleanupDelay)
    {
        _service = service;
        _logger = logger;
        _time = time;
        _namespaceCleanupDelay = namespaceCleanupDelay;
    }

    private ObjectStore Store => _service.Store;

    public async Task RunAsync(WatchSubscription feed, CancellationToken ct)
    {
        var events = ForwardAsync(feed, ct);
        try
        {
            await foreach (var work in _deferred.Reader.ReadAllAsync(ct))
            {
                try
                {
                    work();
                }
                catch (ApiException ex)
                {
                    LogStep(_logger, ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One bad step must not stop garbage collection for the rest of the run.
                    LogFailure(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Sandbox stopping.
        }
        finally
        {
            foreach (var timer in _namespaceTimers.Values)
            {
                timer.Dispose();
            }

            await events;
        }
    }

    // Changes and delayed work (namespace cleanup) are handled one at a time, in one loop.
    private async Task ForwardAsync(WatchSubscription feed, CancellationToken ct)
    {
        try
        {
            await foreach (var item in feed.Reader.ReadAllAsync(ct))
            {
                if (item.Event is { } e)
                {
                    _deferred.Writer.TryWrite(() => Handle(e));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Sandbox stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "garbage collection step failed")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "garbage collection step skipped: {Reason}")]
    private static partial void LogStep(ILogger logger, string reason);

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
                ScheduleNamespaceCleanup(e.Object.Name);
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

    // Like kube-controller-manager's namespace controller, contents are deleted a moment after the namespace
    // starts terminating (kubectl delete -k can still delete them itself meanwhile).
    private void ScheduleNamespaceCleanup(string name)
    {
        if (_namespaceTimers.ContainsKey(name))
        {
            return;
        }

        var timer = _time.CreateTimer(_ => _deferred.Writer.TryWrite(() => CleanNamespace(name)), null, _namespaceCleanupDelay, Timeout.InfiniteTimeSpan);
        if (!_namespaceTimers.TryAdd(name, timer))
        {
            timer.Dispose();
        }
    }

    private void CleanNamespace(string name)
    {
        if (_namespaceTimers.TryRemove(name, out var timer))
        {
            timer.Dispose();
        }

        foreach (var member in Store.ListNamespace(name))
        {
            DeleteQuietly(member, "Background");
        }

        TryFinishNamespace(name);
    }

    private List<StoredObject> DependentsOf(string uid) =>
        Store.ListEverything().Where(o => o.OwnerUids.Contains(uid)).ToList();

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
