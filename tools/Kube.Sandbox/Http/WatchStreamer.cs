using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Semantics;
using Kube.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Kube.Sandbox.Http;

/// <summary>
/// Serves a watch: newline-delimited JSON events (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) over a streaming
/// 200 response, from a resourceVersion (replayed from the log) or from now with the current state first.
/// A compacted resourceVersion is answered, as kube-apiserver's watch cache does, with a 200 whose only
/// event is an ERROR carrying a 410 Expired Status.
/// </summary>
internal sealed class WatchStreamer
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private readonly ObjectStore _store;
    private readonly TimeSpan _bookmarkInterval;
    private readonly TimeProvider _time;

    public WatchStreamer(ObjectStore store, TimeSpan bookmarkInterval, TimeProvider time)
    {
        _store = store;
        _bookmarkInterval = bookmarkInterval;
        _time = time;
    }

    public async Task StreamAsync(HttpContext context, ResourceType type, string ns, ListOptions options, bool bookmarks, TimeSpan? timeout, NegotiatedOutput output, bool initialEventsEnd)
    {
        var asTable = output.Form == OutputForm.Table;
        // as=PartialObjectMetadataList cannot transform single objects: kube-apiserver logs that and sends them whole.
        var asMetadata = output.Form == OutputForm.PartialObjectMetadata;
        long? from = options.ResourceVersion is { Length: > 0 } rv && rv != "0"
            ? long.TryParse(rv, out var parsed) ? parsed : throw ApiException.BadRequest($"invalid resource version: {rv}")
            : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = asTable ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
        var body = context.Response.Body;

        WatchSubscription subscription;
        IReadOnlyList<StoredObject> initial;
        long initialResourceVersion;
        try
        {
            (subscription, initial, initialResourceVersion) = _store.Subscribe(type.GroupResource, ns, from);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            await WriteEventAsync(body, "ERROR", gone.ToStatus(), context.RequestAborted);
            return;
        }

        using var _ = subscription;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        var ct = deadline.Token;
        var firstTable = true;

        JsonObject Render(JsonObject obj)
        {
            if (asMetadata)
            {
                return TableConverter.PartialMetadata(obj, output.MetaApiVersion);
            }

            if (!asTable)
            {
                return obj;
            }

            var table = TableConverter.ToTable(type, [obj], null, "Object", _time.GetUtcNow(), firstTable);
            firstTable = false;
            return table;
        }

        try
        {
            await context.Response.StartAsync(ct);
            await body.FlushAsync(ct);
            foreach (var stored in initial)
            {
                var obj = Versioned(type, stored.ToJson());
                if (Matches(options, obj))
                {
                    await WriteEventAsync(body, "ADDED", Render(obj), ct);
                }
            }

            if (initialEventsEnd && from is null && bookmarks)
            {
                // sendInitialEvents=true (streaming list): the end of the initial state is a bookmark so annotated.
                var end = Bookmark(type, initialResourceVersion);
                end["metadata"]!["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                await WriteEventAsync(body, "BOOKMARK", asMetadata ? Render(end) : end, ct);
            }

            using var bookmarkLoop = bookmarks ? StartBookmarks(subscription, ct) : null;
            await foreach (var item in subscription.Reader.ReadAllAsync(ct))
            {
                if (item.Event is not { } e)
                {
                    var bookmark = Bookmark(type, item.BookmarkResourceVersion);
                    await WriteEventAsync(body, "BOOKMARK", asMetadata ? Render(bookmark) : bookmark, ct);
                    continue;
                }

                var current = Versioned(type, e.Object.ToJson());
                var nowMatches = Matches(options, current);
                var wasMatching = e.Previous is not null && Matches(options, Versioned(type, e.Previous.ToJson()));
                var eventType = e.Type switch
                {
                    StoreEventType.Added => nowMatches ? "ADDED" : null,
                    StoreEventType.Modified when nowMatches => wasMatching ? "MODIFIED" : "ADDED",
                    StoreEventType.Modified => wasMatching ? "DELETED" : null,
                    StoreEventType.Deleted => nowMatches || wasMatching ? "DELETED" : null,
                    _ => null,
                };
                if (eventType is not null)
                {
                    await WriteEventAsync(body, eventType, Render(current), ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client went away: the stream simply ends.
        }
        catch (IOException)
        {
            // Client disconnected mid-write.
        }
    }

    private static JsonObject Versioned(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        return obj;
    }

    private static JsonObject Bookmark(ResourceType type, long resourceVersion) => new()
    {
        ["kind"] = type.Kind,
        ["apiVersion"] = type.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static bool Matches(ListOptions options, JsonObject obj) => options.Labels.Matches(obj) && options.Fields.Matches(obj);

    private ITimer StartBookmarks(WatchSubscription subscription, CancellationToken ct) =>
        _time.CreateTimer(_ =>
        {
            if (!ct.IsCancellationRequested)
            {
                _store.RequestBookmark(subscription);
            }
        }, null, _bookmarkInterval, _bookmarkInterval);

    private static async Task WriteEventAsync(Stream body, string type, JsonObject obj, CancellationToken ct)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["type"] = type, ["object"] = obj }, JsonWire.Options);
        await body.WriteAsync(line, ct);
        await body.WriteAsync("\n"u8.ToArray(), ct);
        await body.FlushAsync(ct);
    }
}
