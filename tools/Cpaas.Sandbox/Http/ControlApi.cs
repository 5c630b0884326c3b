using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Portal;
using Cpaas.Sandbox.Wire;
using Microsoft.AspNetCore.Http;

namespace Cpaas.Sandbox.Http;

/// <summary>
/// The control surface under <c>/_sandbox</c> for the command line and the benchmark: the same controls as the
/// in-process API, as JSON. Unauthenticated (the sandbox listens on 127.0.0.1 only); never shows an API key.
/// </summary>
internal sealed class ControlApi(CpaasSandbox sandbox)
{
    public const string Prefix = "/_sandbox";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ConcurrentDictionary<string, CommitHold> _holds = new(StringComparer.Ordinal);
    private int _holdSequence;

    public async Task HandleAsync(HttpContext context, CancellationToken shutdown)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? string.Empty)[Prefix.Length..].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonObject? body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var text = await reader.ReadToEndAsync(shutdown);
            try
            {
                body = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        (int Status, JsonNode Body) reply;
        try
        {
            reply = body is null
                ? (400, Problem("the body must be a JSON object"))
                : Dispatch(request.Method, segments, body, request.Query);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            reply = (400, Problem(e.Message));
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Utf8.GetBytes(WireJson.Write(reply.Body)), shutdown);
    }

    private (int, JsonNode) Dispatch(string method, string[] path, JsonObject body, IQueryCollection query)
    {
        var resource = path.Length > 0 ? path[0] : string.Empty;
        var id = path.Length > 1 ? Uri.UnescapeDataString(path[1]) : null;
        if (resource == "projects" && id is not null)
        {
            return path.Length == 3 ? OutOfBand(method, id, path[2], body) : (404, Problem("unknown control route; GET /_sandbox lists them"));
        }

        return (method, resource, id) switch
        {
            ("GET", "", null) => (200, Index()),
            ("POST", "reset", null) => Done(sandbox.Reset),
            ("GET", "accounts", null) => (200, Accounts()),
            ("POST", "accounts", null) => (201, AddAccount(body)),
            ("DELETE", "accounts", { } apiId) => sandbox.RemoveAccount(apiId) ? (200, Ok()) : (404, Problem($"no account {apiId}")),
            ("GET", "customers", null) => (200, Customers()),
            ("POST", "customers", null) => Done(() => sandbox.AddCustomer(Text(body, "customer_id"), Text(body, "name"))),
            ("GET", "categories", null) => (200, Categories()),
            ("POST", "categories", null) => Done(() => sandbox.AddCategory(Text(body, "id"), Text(body, "name"))),
            ("GET", "faults", null) => (200, FaultsView()),
            ("PUT" or "POST" or "PATCH", "faults", null) => (200, UpdateFaults(body)),
            ("DELETE", "faults", null) => Done(sandbox.Faults.Clear),
            ("GET", "holds", null) => (200, Holds()),
            ("POST", "holds", null) => (201, AddHold(body)),
            ("DELETE", "holds", { } holdId) => ReleaseHold(holdId),
            ("GET", "journal", null) => (200, JournalView(query)),
            ("DELETE", "journal", null) => Done(sandbox.Journal.Clear),
            ("GET", "counters", null) => (200, Counters()),
            ("GET", "projects", null) => (200, Projects(query)),
            ("GET", "behaviour", null) => (200, BehaviourView()),
            ("PUT" or "POST" or "PATCH", "behaviour", null) => (200, UpdateBehaviour(body)),
            ("GET", "wire", null) => (200, WireView()),
            ("PUT" or "POST" or "PATCH", "wire", null) => (200, UpdateWire(body)),
            _ => (404, Problem("unknown control route; GET /_sandbox lists them")),
        };
    }

    private static (int, JsonNode) Done(Action action)
    {
        action();
        return (200, Ok());
    }

    private static JsonObject Ok() => new() { ["ok"] = true };

    private static JsonObject Problem(string message) => new() { ["error"] = message };

    private JsonObject Index() => new()
    {
        ["base_url"] = sandbox.BaseUrl.ToString(),
        ["routes"] = new JsonArray(
            "POST /_sandbox/reset",
            "GET|POST /_sandbox/accounts, DELETE /_sandbox/accounts/{api_id}",
            "GET|POST /_sandbox/customers",
            "GET|POST /_sandbox/categories",
            "GET|PUT|DELETE /_sandbox/faults",
            "GET|POST /_sandbox/holds, DELETE /_sandbox/holds/{id}",
            "GET|DELETE /_sandbox/journal (?since=SEQ&limit=N)",
            "GET /_sandbox/counters",
            "GET /_sandbox/projects (?app_name=NAME)",
            "POST /_sandbox/projects/{app_id}/edit, PATCH /_sandbox/projects/{app_id}/video|voice|sms, POST /_sandbox/projects/{app_id}/reset_key (out of band)",
            "GET|PUT /_sandbox/behaviour",
            "GET|PUT /_sandbox/wire"),
    };

    private JsonArray Accounts() => new([.. sandbox.Accounts.Select(a => (JsonNode)new JsonObject
    {
        ["api_id"] = a.ApiId,
        ["is_admin"] = a.IsAdmin,
        ["customer_id"] = a.CustomerId,
    })]);

    private JsonObject AddAccount(JsonObject body)
    {
        var account = sandbox.AddAccount(
            Text(body, "api_id"),
            Text(body, "api_key"),
            body["is_admin"]?.GetValue<bool>() ?? false,
            OptionalText(body, "customer_id"));
        return new JsonObject { ["api_id"] = account.ApiId, ["is_admin"] = account.IsAdmin, ["customer_id"] = account.CustomerId };
    }

    private JsonArray Customers() => new([.. sandbox.Customers.OrderBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => (JsonNode)new JsonObject { ["customer_id"] = c.Key, ["name"] = c.Value })]);

    private JsonArray Categories() => new([.. sandbox.Categories.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name })]);

    private JsonObject FaultsView()
    {
        var faults = sandbox.Faults;
        var pending = faults.Pending();
        return new JsonObject
        {
            ["latency_ms"] = faults.Latency.TotalMilliseconds,
            ["error_rate"] = faults.ErrorRate,
            ["error_status"] = faults.ErrorStatusCode,
            ["timeout_rate"] = faults.TimeoutRate,
            ["timeout_hang_ms"] = faults.TimeoutHang.TotalMilliseconds,
            ["lose_after_commit_rate"] = faults.LoseResponseAfterCommitRate,
            ["lose_after_commit_operations"] = Operations(faults.LoseResponseOperations),
            ["rate_limit"] = RateLimitView(faults.RateLimit),
            ["account_rate_limits"] = new JsonObject(faults.AccountRateLimits()
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)RateLimitView(p.Value)))),
            ["operations"] = faults.Operations is { } scope ? Operations(scope) : null,
            ["fail_next"] = pending.FailNext,
            ["timeout_next"] = pending.TimeoutNext,
            ["rate_limit_burst_remaining"] = pending.BurstRemaining,
            ["lose_next"] = pending.LoseNext,
            ["holds"] = pending.Holds,
        };
    }

    /// <summary>Applies only the keys present; see tools/Cpaas.Sandbox/README.md for each.</summary>
    private JsonObject UpdateFaults(JsonObject body)
    {
        var faults = sandbox.Faults;
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "latency_ms": faults.Latency = TimeSpan.FromMilliseconds(Number(value, key)); break;
                case "error_rate": faults.ErrorRate = Rate(value, key); break;
                case "error_status": faults.ErrorStatusCode = (int)Number(value, key); break;
                case "timeout_rate": faults.TimeoutRate = Rate(value, key); break;
                case "timeout_hang_ms": faults.TimeoutHang = TimeSpan.FromMilliseconds(Number(value, key)); break;
                case "lose_after_commit_rate": faults.LoseResponseAfterCommitRate = Rate(value, key); break;
                case "lose_after_commit_operations": faults.LoseResponseOperations = ParseOperations(value) ?? SandboxFaults.DefaultLoseOperations; break;
                case "operations": faults.Operations = ParseOperations(value); break;
                case "rate_limit": faults.RateLimit = ParseRateLimit(value); break;
                case "account_rate_limits":
                    foreach (var (apiId, limit) in value?.AsObject() ?? [])
                    {
                        faults.SetAccountRateLimit(apiId, ParseRateLimit(limit));
                    }

                    break;
                case "fail_next":
                    var fail = value?.AsObject() ?? throw new FormatException("fail_next must be {count, status}");
                    faults.FailNext((int)Number(fail["count"], "fail_next.count"), fail["status"] is { } s ? (int)Number(s, "fail_next.status") : 503);
                    break;
                case "timeout_next": faults.TimeoutNext((int)Number(value, key)); break;
                case "rate_limit_burst":
                    var burst = value?.AsObject() ?? throw new FormatException("rate_limit_burst must be {count, retry_after_seconds}");
                    faults.RateLimitBurst(
                        (int)Number(burst["count"], "rate_limit_burst.count"),
                        TimeSpan.FromSeconds(burst["retry_after_seconds"] is { } r ? Number(r, "rate_limit_burst.retry_after_seconds") : 1));
                    break;
                case "lose_next": faults.LoseNextResponsesAfterCommit((int)Number(value, key)); break;
                default: throw new FormatException($"unknown fault setting {key}");
            }
        }

        return FaultsView();
    }

    private JsonArray Holds() => new([.. _holds.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => (JsonNode)new JsonObject
    {
        ["id"] = h.Key,
        ["operations"] = Operations(h.Value.Operations),
        ["held"] = h.Value.HeldCount,
        ["released"] = h.Value.IsReleased,
    })]);

    private JsonObject AddHold(JsonObject body)
    {
        var operations = ParseOperations(body["operations"]);
        var hold = sandbox.Faults.HoldAfterCommit([.. operations ?? SandboxFaults.DefaultLoseOperations]);
        var id = Interlocked.Increment(ref _holdSequence).ToString(CultureInfo.InvariantCulture);
        _holds[id] = hold;
        return new JsonObject { ["id"] = id, ["operations"] = Operations(hold.Operations) };
    }

    private (int, JsonNode) ReleaseHold(string id)
    {
        if (!_holds.TryRemove(id, out var hold))
        {
            return (404, Problem($"no hold {id}"));
        }

        hold.Release();
        return (200, new JsonObject { ["id"] = id, ["held"] = hold.HeldCount, ["released"] = true });
    }

    private JsonObject JournalView(IQueryCollection query)
    {
        var since = long.TryParse(query["since"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : int.MaxValue;
        var entries = sandbox.Journal.Since(since).Take(limit).ToList();
        var changes = sandbox.Journal.OutOfBandChanges(since).Take(limit).ToList();
        return new JsonObject
        {
            ["entries"] = new JsonArray([.. entries.Select(EntryView)]),
            ["out_of_band"] = new JsonArray([.. changes.Select(OutOfBandView)]),
            ["last_sequence"] = Math.Max(since, Math.Max(entries.Count > 0 ? entries[^1].Sequence : 0, changes.Count > 0 ? changes[^1].Sequence : 0)),
        };
    }

    private static JsonNode EntryView(JournalEntry e) => new JsonObject
    {
        ["sequence"] = e.Sequence,
        ["time"] = WireDates.Format(e.Time),
        ["method"] = e.Method,
        ["path"] = e.Path,
        ["operation"] = e.Operation.WireName(),
        ["app_id"] = e.AppId,
        ["api_id"] = e.ApiId,
        ["user_agent"] = e.UserAgent,
        ["body"] = e.Body,
        ["status"] = e.Status,
        ["result"] = e.Result,
        ["fault"] = e.Fault,
        ["duration_ms"] = Math.Round(e.Duration.TotalMilliseconds, 3),
    };

    private static JsonNode OutOfBandView(OutOfBandChange c) => new JsonObject
    {
        ["sequence"] = c.Sequence,
        ["time"] = WireDates.Format(c.Time),
        ["app_id"] = c.AppId,
        ["kind"] = c.Kind,
        ["fields"] = new JsonArray([.. c.Fields.Select(f => (JsonNode)f)]),
        ["updated_at_moved"] = c.UpdatedAtMoved,
    };

    /// <summary>An out-of-band change of one project; answers its new updated_at, never a key.</summary>
    private (int, JsonNode) OutOfBand(string method, string appId, string action, JsonObject body)
    {
        var portal = sandbox.Portal;
        DateTimeOffset updatedAt;
        switch (method, action)
        {
            case ("POST" or "PATCH", "edit"):
                updatedAt = portal.Edit(appId, ParseEdit(body));
                break;
            case ("PATCH" or "POST", "video" or "voice" or "sms"):
                updatedAt = portal.ChangeSection(appId, Enum.Parse<ServiceSection>(action, ignoreCase: true), body);
                break;
            case ("POST", "reset_key"):
                portal.ResetKey(appId);
                updatedAt = sandbox.Store.Find(appId)!.UpdatedAt;
                break;
            default:
                return (404, Problem("unknown control route; GET /_sandbox lists them"));
        }

        return (200, new JsonObject { ["app_id"] = appId, ["updated_at"] = WireDates.Format(updatedAt) });
    }

    private static PortalEdit ParseEdit(JsonObject body)
    {
        foreach (var (key, _) in body)
        {
            if (key is not ("app_name" or "category_id" or "short_desc" or "description" or "status" or "services_incl"))
            {
                throw new FormatException($"unknown edit field {key}");
            }
        }

        var services = body["services_incl"] as JsonObject;
        return new PortalEdit
        {
            AppName = OptionalText(body, "app_name"),
            CategoryId = OptionalText(body, "category_id"),
            ShortDesc = OptionalText(body, "short_desc"),
            Description = OptionalText(body, "description"),
            Status = OptionalText(body, "status"),
            Video = services?["video"] is { } video ? Flag(video, "services_incl.video") : null,
            Sms = services?["sms"] is { } sms ? Flag(sms, "services_incl.sms") : null,
            Voice = services?["voice"] is { } voice ? Flag(voice, "services_incl.voice") : null,
        };
    }

    private JsonObject BehaviourView()
    {
        var behaviour = sandbox.Behaviour;
        return new JsonObject
        {
            ["default_page_length"] = behaviour.DefaultPageLength,
            ["max_page_length"] = sandbox.MaxPageLength,
            ["updated_at_ordering"] = behaviour.UpdatedAtOrdering.ToString().ToLowerInvariant(),
            ["section_changes_bump_updated_at"] = behaviour.SectionChangesBumpUpdatedAt,
        };
    }

    /// <summary>Applies only the keys present; see the README for each.</summary>
    private JsonObject UpdateBehaviour(JsonObject body)
    {
        var behaviour = sandbox.Behaviour;
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "default_page_length":
                    var length = Number(value, key);
                    behaviour.DefaultPageLength = length >= 1 && length <= sandbox.MaxPageLength && length == Math.Floor(length)
                        ? (int)length
                        : throw new FormatException($"default_page_length must be a whole number from 1 to {sandbox.MaxPageLength}");
                    break;
                case "updated_at_ordering":
                    behaviour.UpdatedAtOrdering = Enum.TryParse<UpdatedAtOrdering>(Text(body, key), ignoreCase: true, out var ordering) && Enum.IsDefined(ordering)
                        ? ordering
                        : throw new FormatException("updated_at_ordering must be supported, refused or ignored");
                    break;
                case "section_changes_bump_updated_at": behaviour.SectionChangesBumpUpdatedAt = Flag(value, key); break;
                default: throw new FormatException($"unknown behaviour setting {key}");
            }
        }

        return BehaviourView();
    }

    private JsonObject Counters()
    {
        var journal = sandbox.Journal;
        var byOperation = journal.CountsByOperation();
        return new JsonObject
        {
            ["total"] = byOperation.Values.Sum(),
            ["by_operation"] = new JsonObject(byOperation.OrderBy(p => p.Key)
                .Select(p => KeyValuePair.Create(p.Key.WireName(), (JsonNode?)p.Value))),
            ["by_status"] = new JsonObject(journal.CountsByStatus().OrderBy(p => p.Key)
                .Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)p.Value))),
            ["by_account"] = new JsonObject(journal.CountsByAccount().OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
    }

    private JsonObject Projects(IQueryCollection query)
    {
        var name = query["app_name"].ToString();
        var projects = name.Length > 0 ? sandbox.Store.FindByName(name) : sandbox.Store.All();
        return new JsonObject
        {
            ["count"] = projects.Count,
            ["projects"] = new JsonArray([.. projects.Select(p => (JsonNode)new JsonObject
            {
                ["app_id"] = p.AppId,
                ["app_name"] = p.AppName,
                ["customer_id"] = p.CustomerId,
                ["category_id"] = p.CategoryId,
                ["status"] = p.Status,
                ["services_incl"] = new JsonObject { ["video"] = p.Services.Video, ["sms"] = p.Services.Sms, ["voice"] = p.Services.Voice },
                ["created_at"] = WireDates.Format(p.CreatedAt),
                ["updated_at"] = WireDates.Format(p.UpdatedAt),
                ["subdomain"] = p.Subdomain,
                ["room_id"] = p.Room?.RoomId,
            })]),
        };
    }

    private JsonObject WireView()
    {
        var wire = sandbox.Wire;
        return new JsonObject
        {
            ["result_encoding"] = wire.ResultEncoding == ResultEncoding.String ? "string" : "number",
            ["business_errors_with_http_200"] = wire.BusinessErrorsWithHttp200,
            ["error_message_key"] = wire.ErrorMessageKey == ErrorMessageKey.Error ? "error" : "msg",
            ["fill_unset_fields"] = wire.FillUnsetFields,
            ["strict_request_validation"] = wire.StrictRequestValidation,
            ["date_format"] = wire.DateFormat == WireDateFormat.Seconds ? "seconds" : "iso_ms",
        };
    }

    private JsonObject UpdateWire(JsonObject body)
    {
        var wire = sandbox.Wire;
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "result_encoding": wire.ResultEncoding = Enum.Parse<ResultEncoding>(Text(body, key), ignoreCase: true); break;
                case "business_errors_with_http_200": wire.BusinessErrorsWithHttp200 = Flag(value, key); break;
                case "error_message_key": wire.ErrorMessageKey = Enum.Parse<ErrorMessageKey>(Text(body, key), ignoreCase: true); break;
                case "fill_unset_fields": wire.FillUnsetFields = Flag(value, key); break;
                case "strict_request_validation": wire.StrictRequestValidation = Flag(value, key); break;
                case "date_format":
                    wire.DateFormat = Text(body, key) switch
                    {
                        "iso_ms" => WireDateFormat.IsoMilliseconds,
                        "seconds" => WireDateFormat.Seconds,
                        _ => throw new FormatException("date_format must be iso_ms or seconds"),
                    };
                    break;
                default: throw new FormatException($"unknown wire setting {key}");
            }
        }

        return WireView();
    }

    private static JsonArray Operations(IEnumerable<SandboxOperation> operations) =>
        new([.. operations.OrderBy(o => o).Select(o => (JsonNode)o.WireName())]);

    private static HashSet<SandboxOperation>? ParseOperations(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var set = new HashSet<SandboxOperation>();
        foreach (var item in value.AsArray())
        {
            var name = item?.GetValue<string>() ?? string.Empty;
            if (!SandboxOperationNames.TryParseWireName(name, out var operation) || operation == SandboxOperation.Unknown)
            {
                throw new FormatException($"unknown operation {name}");
            }

            set.Add(operation);
        }

        return set;
    }

    private static JsonNode? RateLimitView(SandboxRateLimit? limit) => limit is null
        ? null
        : new JsonObject { ["requests_per_second"] = limit.RequestsPerSecond, ["burst"] = limit.Burst };

    private static SandboxRateLimit? ParseRateLimit(JsonNode? value) => value is JsonObject limit
        ? new SandboxRateLimit(Number(limit["requests_per_second"], "requests_per_second"), limit["burst"] is { } b ? (int)Number(b, "burst") : 1)
        : null;

    private static string Text(JsonObject body, string key) =>
        OptionalText(body, key) ?? throw new FormatException($"{key} is required");

    private static string? OptionalText(JsonObject body, string key) =>
        body[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double Number(JsonNode? value, string key) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : throw new FormatException($"{key} must be a number");

    private static double Rate(JsonNode? value, string key)
    {
        var rate = Number(value, key);
        return rate is >= 0 and <= 1 ? rate : throw new FormatException($"{key} must be between 0 and 1");
    }

    private static bool Flag(JsonNode? value, string key) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw new FormatException($"{key} must be a boolean");
}
