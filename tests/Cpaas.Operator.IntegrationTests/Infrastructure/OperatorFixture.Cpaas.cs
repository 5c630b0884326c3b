using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

// The CPaaS side: the request journal filtered by project, waits on it, and direct API calls as another tool or a
// person using the portal would make them (to set up adoption, taken subdomains and ambiguity).
public partial class OperatorFixture
{
    /// <summary>Journal entries about one project (by app_id in the route).</summary>
    public IReadOnlyList<JournalEntry> JournalFor(string appId) =>
        Cpaas.Journal.Entries().Where(e => e.AppId == appId).ToList();

    /// <summary>add_project requests whose body asked for this app_name.</summary>
    public IReadOnlyList<JournalEntry> AddsNamed(string appName) =>
        Cpaas.Journal.Entries().Where(e => e.Operation == SandboxOperation.AddProject && BodyString(e, "app_name") == appName).ToList();

    public static string? BodyString(JournalEntry entry, string key) =>
        entry.Body is { } body && JsonNode.Parse(body) is JsonObject json && json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonObject? BodyJson(JournalEntry entry) => entry.Body is { } body ? JsonNode.Parse(body) as JsonObject : null;

    /// <summary>Waits until the journal satisfies <paramref name="condition"/> (checked on every new request).</summary>
    public async Task WaitForJournalAsync(Func<IReadOnlyList<JournalEntry>, bool> condition, string what, TimeSpan? patience = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Operator?.Exited ?? CancellationToken.None);
        deadline.CancelAfter(patience ?? Patience);
        try
        {
            await Cpaas.Journal.WaitForAsync(condition, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var journal = string.Join('\n', Cpaas.Journal.Entries().TakeLast(30).Select(e => $"{e.Sequence} {e.Time:HH:mm:ss.fff} {e.Method} {e.Path} {e.Status} {e.Result} {e.Body}"));
            throw new Xunit.Sdk.XunitException($"Waiting for {what} in the CPaaS journal: not reached.\nJournal tail:\n{journal}\nOperator log tail:\n{OperatorLogTail()}");
        }
    }

    /// <summary>Creates a project straight through the CPaaS API with the customer account (as the portal would).</summary>
    public async Task<(string AppId, string AppKey)> CreateProjectInCpaasAsync(string appName, string categoryId = "education")
    {
        var reply = await CallCpaasAsync(HttpMethod.Post, "projects", new JsonObject
        {
            ["app_name"] = appName,
            ["category_id"] = categoryId,
            ["services_incl"] = new JsonObject { ["video"] = true, ["sms"] = false, ["voice"] = false },
        });
        var project = reply["project"]!;
        return (project["app_id"]!.GetValue<string>(), project["app_key"]!.GetValue<string>());
    }

    /// <summary>Calls the CPaaS API with the customer account and returns the reply; fails on an error result.</summary>
    public async Task<JsonObject> CallCpaasAsync(HttpMethod method, string relativePath, JsonObject? body = null)
    {
        using var http = new HttpClient { BaseAddress = Cpaas.BaseUrl };
        using var request = new HttpRequestMessage(method, relativePath);
        request.Headers.Authorization = Cpaas.CustomerAccount.BasicAuthentication();
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var reply = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"CPaaS answered {text}");
        if (reply["result"]?.ToString() != "1")
        {
            throw new InvalidOperationException($"CPaaS {method} {relativePath} answered {(int)response.StatusCode}: {JsonSerializer.Serialize(reply)}");
        }

        return reply;
    }
}
