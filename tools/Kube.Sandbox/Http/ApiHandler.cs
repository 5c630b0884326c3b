using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Audit;
using Kube.Sandbox.Auth;
using Kube.Sandbox.Diagnostics;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Faults;
using Kube.Sandbox.Http.Protobuf;
using Kube.Sandbox.Semantics;
using Kube.Sandbox.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kube.Sandbox.Http;

/// <summary>
/// The request pipeline: authenticate (401), add latency, count, authorize (403), inject faults, then serve
/// discovery, OpenAPI, reviews or the resource verbs.
/// </summary>
internal sealed partial class ApiHandler
{
    private static readonly string[] AnonymousPaths = ["/healthz", "/livez", "/readyz"];

    private readonly ResourceService _service;
    private readonly TokenRegistry _tokens;
    private readonly RbacAuthorizer _authorizer;
    private readonly SandboxFaults _faults;
    private readonly RequestCounters _counters;
    private readonly WatchStreamer _watches;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string> _serverAddress;
    private readonly AuditLog _audit;
    private readonly OwnerReferencesAdmission _ownerReferences;

    public ApiHandler(ResourceService service, TokenRegistry tokens, RbacAuthorizer authorizer, SandboxFaults faults, RequestCounters counters, WatchStreamer watches, TimeProvider time, ILogger logger, Func<string> serverAddress, AuditLog audit)
    {
        _audit = audit;
        _ownerReferences = new OwnerReferencesAdmission(authorizer, service.Catalog);
        _service = service;
        _tokens = tokens;
        _authorizer = authorizer;
        _faults = faults;
        _counters = counters;
        _watches = watches;
        _time = time;
        _logger = logger;
        _serverAddress = serverAddress;
    }

    private ResourceCatalog Catalog => _service.Catalog;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (AnonymousPaths.Contains(path))
        {
            // Health probes: served without credentials and not audited.
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        var audit = new RequestAudit(context, _time.GetUtcNow());
        try
        {
            await HandleApiRequestAsync(context, audit);
        }
        finally
        {
            _audit.Record(audit.ToEvent(AuditEvent.StageResponseComplete, _time.GetUtcNow()));
        }
    }

    private async Task HandleApiRequestAsync(HttpContext context, RequestAudit audit)
    {
        try
        {
            var authenticated = _tokens.Authenticate(context.Request.Headers.Authorization) ?? throw ApiException.Unauthorized();
            audit.Authenticated = authenticated;
            var user = Impersonation.Resolve(authenticated, context.Request.Headers, _authorizer);
            audit.Effective = user;
            if (_faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_faults.Latency, _time, context.RequestAborted);
            }

            var info = ApiRequestInfo.Parse(context.Request);
            audit.Info = info;
            var counted = info.Subresource.Length == 0 ? info.Resource : $"{info.Resource}/{info.Subresource}";
            _counters.Record(new RequestKey(user.Name, info.Verb, info.IsResourceRequest ? counted : info.Path, context.Request.Headers.UserAgent.ToString(), context.Request.Query["fieldManager"].ToString()));

            var attributes = new RequestAttributes(info.Verb, info.IsResourceRequest, info.Path, info.Group, info.Resource, info.Subresource, info.Namespace, info.Name);
            audit.Allowed = _authorizer.Allows(user, attributes);
            if (audit.Allowed == false)
            {
                throw new ApiException(403, "Forbidden", attributes.ForbiddenMessage(user.Name), info.Name.Length > 0 ? info.Name : null, info.Group, info.Resource);
            }

            if (!info.IsResourceRequest)
            {
                await ServeNonResourceAsync(context, info);
                return;
            }

            if (_faults.TakeInjected(info.Verb, info.Resource, info.Subresource, info.Name) is { } injected)
            {
                throw injected;
            }

            await ServeResourceAsync(context, info, user, audit);
        }
        catch (ApiException e)
        {
            audit.Error = e;
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, e);
            }
        }
        catch (JsonException e)
        {
            audit.Error = ApiException.BadRequest($"the object provided is unrecognized: {e.Message}");
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, audit.Error);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Client went away.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnexpected(_logger, e, context.Request.Method, context.Request.Path.Value ?? string.Empty);
            audit.Error = ApiException.Internal(e.Message);
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, audit.Error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    private async Task ServeNonResourceAsync(HttpContext context, ApiRequestInfo info)
    {
        if (context.Request.Method != "GET")
        {
            throw ApiException.MethodNotAllowed();
        }

        var parts = info.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["openapi", "v2"])
        {
            await ServeOpenApiV2Async(context);
            return;
        }

        JsonObject? document = parts switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions(_serverAddress()),
            ["api", var v] => DiscoveryDocuments.ResourceList(Catalog, string.Empty, v),
            ["apis"] => DiscoveryDocuments.GroupList(Catalog),
            ["apis", var g] => DiscoveryDocuments.GroupDocument(Catalog, g),
            ["apis", var g, var v] => DiscoveryDocuments.ResourceList(Catalog, g, v),
            ["openapi", "v3"] => OpenApiDocuments.Index(Catalog),
            ["openapi", "v3", "api", var v] => OpenApiDocuments.Document(Catalog, string.Empty, v),
            ["openapi", "v3", "apis", var g, var v] => OpenApiDocuments.Document(Catalog, g, v),
            _ => null,
        };

        if (document is null)
        {
            throw ApiException.ResourceNotFound();
        }

        if (parts is ["openapi", "v3", ..] && parts.Length > 2)
        {
            // Hash-addressed documents are immutable, as kube-apiserver says so clients may cache them.
            context.Response.Headers.CacheControl = "public, immutable";
        }

        await JsonResponses.WriteAsync(context, 200, document);
    }

    private static async Task ServeOpenApiV2Async(HttpContext context)
    {
        if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
        {
            var bytes = OpenApiV2Document.Protobuf();
            context.Response.ContentType = OpenApiV2Document.ProtobufMediaType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, OpenApiV2Document.Json());
    }

    private async Task ServeResourceAsync(HttpContext context, ApiRequestInfo info, UserIdentity user, RequestAudit audit)
    {
        var type = Catalog.Find(info.Group, info.Version, info.Resource) ?? throw ApiException.ResourceNotFound();
        if (info.Namespace.Length > 0 && !type.Namespaced)
        {
            throw ApiException.ResourceNotFound();
        }

        if (type.Namespaced && info.Namespace.Length == 0 && info.Verb is not ("list" or "watch"))
        {
            throw ApiException.ResourceNotFound();
        }

        var subresourceAllowed = info.Subresource.Length == 0
            || (info.Subresource == "status" && type.HasStatus)
            || (info.Subresource == "finalize" && type.Group.Length == 0 && type.Plural == "namespaces");
        if (!subresourceAllowed || (info.Subresource.Length > 0 && info.Verb is not ("get" or "update" or "patch")))
        {
            throw ApiException.ResourceNotFound();
        }

        if (info.Subresource.Length == 0 && !type.Verbs.Contains(info.Verb))
        {
            throw ApiException.MethodNotAllowed();
        }

        if (type.IsVirtual)
        {
            if (info.Verb != "create")
            {
                throw ApiException.MethodNotAllowed();
            }

            FieldManagerParameter.Validate(info.Verb, context.Request.Query["fieldManager"].ToString(), applyPatch: false);
            await JsonResponses.WriteAsync(context, 201, Review(await ReadObjectAsync(context), user));
            return;
        }

        var query = context.Request.Query;
        var accept = context.Request.Headers.Accept.ToString();
        var writeOptions = new WriteOptions(query["dryRun"] == "All", NullIfEmpty(query["fieldValidation"]))
        {
            Admission = (obj, previous) => _ownerReferences.Check(user, type, info.Namespace, obj, previous, audit),
        };
        var now = _time.GetUtcNow();
        switch (info.Verb)
        {
            case "get":
                {
                    var output = OutputNegotiation.Negotiate(accept, type.IsCustom);
                    var obj = _service.Get(type, info.Namespace, info.Name);
                    JsonObject body = output.Form switch
                    {
                        OutputForm.Table => TableConverter.ToTable(type, [obj], new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() }, query["includeObject"].ToString(), now),
                        OutputForm.PartialObjectMetadata => TableConverter.PartialMetadata(obj, output.MetaApiVersion),
                        OutputForm.PartialObjectMetadataList => throw NotAcceptable($"you requested PartialObjectMetadataList, but the requested object is not a list ({GoTypeName(type, list: false)})"),
                        _ => obj,
                    };
                    await JsonResponses.WriteAsync(context, 200, body);
                    return;
                }

            case "list":
                {
                    var output = OutputNegotiation.Negotiate(accept, type.IsCustom);
                    if (output.Form == OutputForm.PartialObjectMetadata)
                    {
                        throw NotAcceptable($"you requested PartialObjectMetadata, but the requested object is a list ({GoTypeName(type, list: true)})");
                    }

                    var list = _service.List(type, info.Namespace, ParseListOptions(query));
                    JsonObject body = output.Form switch
                    {
                        OutputForm.Table => TableConverter.ToTable(type, (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList(), list["metadata"] as JsonObject, query["includeObject"].ToString(), now),
                        OutputForm.PartialObjectMetadataList => TableConverter.PartialMetadataList(list, output.MetaApiVersion),
                        _ => list,
                    };
                    await JsonResponses.WriteAsync(context, 200, body);
                    return;
                }

            case "watch":
                {
                    var output = OutputNegotiation.Negotiate(accept, type.IsCustom);
                    TimeSpan? timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                        ? TimeSpan.FromSeconds(seconds)
                        : null;
                    var bookmarks = query["allowWatchBookmarks"] == "true";
                    var listOptions = ParseListOptions(query);
                    if (info.Name.Length > 0)
                    {
                        // GET .../NAME?watch=true watches that one object.
                        listOptions = listOptions with { Fields = FieldSelector.Parse(string.Join(',', new[] { $"metadata.name={info.Name}", query["fieldSelector"].ToString() }.Where(f => f.Length > 0))) };
                    }

                    var initialEventsEnd = query["sendInitialEvents"] == "true";
                    // A long-running request: kube-apiserver audits it when the response starts, and again when it ends.
                    context.Response.OnStarting(() =>
                    {
                        _audit.Record(audit.ToEvent(AuditEvent.StageResponseStarted, _time.GetUtcNow()));
                        return Task.CompletedTask;
                    });
                    await _watches.StreamAsync(context, type, info.Namespace, listOptions, bookmarks, timeout, output, initialEventsEnd);
                    return;
                }

            case "create":
                {
                    FieldManagerParameter.Validate(info.Verb, query["fieldManager"].ToString(), applyPatch: false);
                    var created = _service.Create(type, info.Namespace, await ReadObjectAsync(context), writeOptions);
                    AddWarnings(context, writeOptions);
                    await JsonResponses.WriteAsync(context, 201, created);
                    return;
                }

            case "update":
                {
                    FieldManagerParameter.Validate(info.Verb, query["fieldManager"].ToString(), applyPatch: false);
                    var updated = _service.Update(type, info.Namespace, info.Name, await ReadObjectAsync(context), NullIfEmpty(info.Subresource), writeOptions);
                    AddWarnings(context, writeOptions);
                    await JsonResponses.WriteAsync(context, 200, updated);
                    return;
                }

            case "patch":
                {
                    var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
                    FieldManagerParameter.Validate(info.Verb, query["fieldManager"].ToString(), applyPatch: contentType == "application/apply-patch+yaml");
                    var patch = await ReadNodeAsync(context);
                    var patched = _service.Patch(type, info.Namespace, info.Name, contentType, patch, NullIfEmpty(info.Subresource), writeOptions);
                    AddWarnings(context, writeOptions);
                    await JsonResponses.WriteAsync(context, 200, patched);
                    return;
                }

            case "delete":
                {
                    var result = _service.Delete(type, info.Namespace, info.Name, await ReadDeleteOptionsAsync(context));
                    await JsonResponses.WriteAsync(context, 200, result);
                    return;
                }

            case "deletecollection":
                {
                    var result = _service.DeleteCollection(type, info.Namespace, ParseListOptions(query), await ReadDeleteOptionsAsync(context));
                    await JsonResponses.WriteAsync(context, 200, result);
                    return;
                }

            default:
                throw ApiException.MethodNotAllowed();
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    // The Go type kube-apiserver names in its NotAcceptable messages: the internal type of a built-in, unstructured for custom resources.
    private static string GoTypeName(ResourceType type, bool list)
    {
        if (type.IsCustom)
        {
            return list ? "*unstructured.UnstructuredList" : "*unstructured.Unstructured";
        }

        var package = type.Group.Length == 0 ? "core" : type.Group.Split('.')[0];
        return $"*{package}.{type.Kind}{(list ? "List" : string.Empty)}";
    }

    private static void AddWarnings(HttpContext context, WriteOptions options)
    {
        foreach (var warning in options.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - {JsonSerializer.Serialize(warning, JsonWire.Options)}");
        }
    }

    private static ListOptions ParseListOptions(IQueryCollection query) => new()
    {
        Labels = LabelSelector.Parse(query["labelSelector"]),
        Fields = FieldSelector.Parse(query["fieldSelector"]),
        Limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null,
        Continue = NullIfEmpty(query["continue"]),
        ResourceVersion = NullIfEmpty(query["resourceVersion"]),
        ResourceVersionMatch = NullIfEmpty(query["resourceVersionMatch"]),
    };

    private static async Task<JsonNode?> ReadNodeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (contentType.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal))
        {
            // client-go typed clients (kubectl create ..., kubectl auth can-i) send protobuf bodies.
            return buffer.Length == 0 ? null : KubeProtobufDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        if (contentType.Contains("yaml", StringComparison.Ordinal) && !contentType.Contains("apply-patch", StringComparison.Ordinal))
        {
            throw ApiException.UnsupportedMediaType(contentType);
        }

        return buffer.Length == 0 ? null : JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadNodeAsync(context) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var body = await ReadNodeAsync(context) as JsonObject;
        var propagation = (string?)body?["propagationPolicy"] ?? NullIfEmpty(query["propagationPolicy"]);
        if (propagation is null && body?["orphanDependents"] is JsonValue orphan && orphan.GetValue<bool>())
        {
            propagation = "Orphan";
        }

        var dryRun = query["dryRun"] == "All" || (body?["dryRun"] as JsonArray)?.Any(d => (string?)d == "All") == true;
        return new DeleteOptions(
            propagation,
            (string?)body?["preconditions"]?["uid"],
            (string?)body?["preconditions"]?["resourceVersion"],
            dryRun);
    }

    // SelfSubjectAccessReview: what kubectl auth can-i posts.
    private JsonObject Review(JsonObject review, UserIdentity user)
    {
        var spec = review["spec"] as JsonObject ?? new JsonObject();
        RequestAttributes attributes;
        if (spec["resourceAttributes"] is JsonObject r)
        {
            attributes = new RequestAttributes(
                (string?)r["verb"] ?? string.Empty, true, string.Empty,
                (string?)r["group"] ?? string.Empty, (string?)r["resource"] ?? string.Empty, (string?)r["subresource"] ?? string.Empty,
                (string?)r["namespace"] ?? string.Empty, (string?)r["name"] ?? string.Empty);
        }
        else if (spec["nonResourceAttributes"] is JsonObject n)
        {
            attributes = new RequestAttributes((string?)n["verb"] ?? string.Empty, false, (string?)n["path"] ?? string.Empty);
        }
        else
        {
            throw ApiException.Invalid("SelfSubjectAccessReview", "authorization.k8s.io", string.Empty, [new StatusCause("FieldValueRequired", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes")]);
        }

        var allowed = _authorizer.Allows(user, attributes);
        var result = review.DeepClone().AsObject();
        result["apiVersion"] = "authorization.k8s.io/v1";
        result["kind"] = "SelfSubjectAccessReview";
        result["metadata"] ??= new JsonObject();
        result["metadata"]!["creationTimestamp"] = null;
        result["status"] = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = user.IsMaster ? "member of system:masters" : "allowed by RBAC" }
            : new JsonObject { ["allowed"] = false };
        return result;
    }
}
