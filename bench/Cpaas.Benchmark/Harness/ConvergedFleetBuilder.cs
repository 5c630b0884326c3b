using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Sandbox.Store;

namespace Cpaas.Benchmark.Harness;

/// <summary>
/// Builds a fleet of <see cref="FleetProjectTemplate"/> resources that the operator takes as converged at start-up
/// with zero CPaaS calls, in minutes instead of the N x 2 / rate seconds a real converge at the account limit takes.
/// <list type="number">
/// <item>An exemplar: the operator (no API limit) converges the first member; its status, finalizers and connection
/// Secret are the template of every other member's (so the shapes are the operator's own, not guessed).</item>
/// <item>The other projects are created in the CPaaS sandbox through its API (add + PATCH video, limits off, with the
/// operator's bodies) and compared with the exemplar's stored project: a difference would be drift for the operator.</item>
/// <item>Every project's created_at/updated_at is moved into the past, spread evenly (a fleet whose projects last changed
/// over a day, not all within the sweep margin of each other).</item>
/// <item>Each CpaasProject is created with the operator's finalizer, its connection Secret (owned by it, with the
/// project's key), and its status through the status subresource: app id, Ready=True at its generation, the
/// project's updated_at at converge. The operator's start-up path (ObservePolicy) then spreads the first full observe
/// over one resync interval and calls nothing now; the sweep's first pass finds nothing to do.</item>
/// </list>
/// The journal is cleared afterwards.
/// </summary>
public sealed class ConvergedFleetBuilder(TestBed bed, FleetLayout layout)
{
    /// <summary>
    /// The status field where the operator records the project's updated_at at the last converge (what the drift
    /// sweep compares the listed updated_at with).
    /// </summary>
    public const string UpdatedAtStatusField = "observedUpdatedAt";

    private const int Concurrency = 16;

    /// <summary>The last changes of the fleet's projects are spread over this long, ending <see cref="SpreadEndsBefore"/> ago.</summary>
    public static readonly TimeSpan Spread = TimeSpan.FromHours(24);

    public static readonly TimeSpan SpreadEndsBefore = TimeSpan.FromHours(1);

    /// <summary>App id of each member, by member key, once built.</summary>
    public Dictionary<string, string> AppIds { get; } = new(StringComparer.Ordinal);

    /// <returns>Seconds spent per step, for the report.</returns>
    public async Task<JsonObject> BuildAsync(OperatorLaunch exemplarLaunch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exemplarLaunch);
        var members = layout.Members;
        var timings = new JsonObject();
        var clock = Stopwatch.StartNew();
        bed.Cpaas.Faults.Clear();
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);

        // 1. The exemplar, converged by the operator itself.
        var exemplar = members[0];
        var operatorProcess = bed.StartOperator(exemplarLaunch);
        JsonObject resource;
        JsonObject secret;
        try
        {
            await Waits.UntilReadyAsync(operatorProcess, TimeSpan.FromSeconds(120), ct);
            await bed.CreateAsync([FleetProjectTemplate.Project(exemplar)], 1, ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(120));
            await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get(exemplar.Namespace, exemplar.Name)?.IsReady == true, deadline.Token);
        }
        finally
        {
            await operatorProcess.StopAsync(TimeSpan.FromSeconds(30));
        }

        resource = await bed.Admin.GetAsync(ProjectTemplate.Path(exemplar.Namespace, exemplar.Name), ct)
            ?? throw new InvalidOperationException("the exemplar resource is gone");
        var exemplarAppId = resource["status"]?["appId"]?.GetValue<string>() ?? throw new InvalidOperationException("the exemplar has no status.appId");
        var exemplarSecretName = ProjectTemplate.ConnectionSecretName(exemplar.Name);
        secret = await bed.Admin.GetAsync(ManifestPaths.Secret(exemplar.Namespace, exemplarSecretName), ct)
            ?? throw new InvalidOperationException("the exemplar has no connection Secret");
        AppIds[exemplar.Key] = exemplarAppId;
        timings["exemplar_seconds"] = Seconds(clock);

        // 2. The other projects, through the API with the operator's bodies; then the same stored state as the exemplar's.
        clock.Restart();
        var keys = new System.Collections.Concurrent.ConcurrentDictionary<string, (string AppId, string AppKey)>(StringComparer.Ordinal);
        using (var api = ApiClient())
        {
            await Parallel.ForEachAsync(members.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (member, token) =>
            {
                using var added = await api.PostAsJsonAsync("projects", FleetProjectTemplate.AddBody(member), token);
                var body = await ReadObjectAsync(added, token);
                var created = body["project"] ?? body;
                var appId = created["app_id"]?.GetValue<string>() ?? throw new InvalidOperationException($"add answered without app_id: {body.ToJsonString()}");
                var appKey = created["app_key"]?.GetValue<string>() ?? throw new InvalidOperationException("add answered without app_key");
                using var patch = new HttpRequestMessage(HttpMethod.Patch, $"projects/{appId}/video") { Content = JsonContent.Create(FleetProjectTemplate.VideoBody(member)) };
                using var patched = await api.SendAsync(patch, token);
                await ReadObjectAsync(patched, token);
                keys[member.Key] = (appId, appKey);
            });
        }

        foreach (var (key, value) in keys)
        {
            AppIds[key] = value.AppId;
        }

        CheckSameAsExemplar(exemplarAppId, keys[members[^1].Key].AppId);
        timings["cpaas_projects_seconds"] = Seconds(clock);

        // 3. Last changes spread over a day, ending an hour ago, at the wire's millisecond precision.
        var end = TruncateToMilliseconds(DateTimeOffset.UtcNow - SpreadEndsBefore);
        var step = Spread / Math.Max(1, members.Count);
        var updatedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var at = TruncateToMilliseconds(end - Spread + (step * i));
            updatedAt[members[i].Key] = at;
            bed.Cpaas.Store.Mutate(AppIds[members[i].Key], p =>
            {
                p.CreatedAt = at;
                p.UpdatedAt = at;
            });
        }

        // 4. Resources, Secrets and status.
        clock.Restart();
        var statusTemplate = resource["status"]!.ToJsonString();
        var finalizers = resource["metadata"]?["finalizers"]?.DeepClone();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (member, token) =>
        {
            var appId = AppIds[member.Key];
            var path = ProjectTemplate.Path(member.Namespace, member.Name);
            if (member != exemplar)
            {
                var manifest = FleetProjectTemplate.Project(member);
                manifest["metadata"]!["finalizers"] = finalizers?.DeepClone();
                var created = await bed.Admin.CreateAsync(ManifestPaths.Collection(manifest), manifest, token);
                var uid = created["metadata"]!["uid"]!.GetValue<string>();
                await bed.Admin.CreateAsync(ManifestPaths.Secrets(member.Namespace), SecretFor(secret, member, uid, appId, keys[member.Key].AppKey), token);
            }

            var status = JsonNode.Parse(statusTemplate
                .Replace(exemplarAppId, appId, StringComparison.Ordinal)
                .Replace(exemplarSecretName, ProjectTemplate.ConnectionSecretName(member.Name), StringComparison.Ordinal))!.AsObject();
            status[UpdatedAtStatusField] = updatedAt[member.Key].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            await bed.Admin.MergePatchAsync(path + "/status", new JsonObject { ["status"] = status }, token);
        });
        timings["kubernetes_seconds"] = Seconds(clock);
        bed.Cpaas.Journal.Clear();
        return timings;
    }

    private static JsonObject SecretFor(JsonObject exemplar, FleetMember member, string uid, string appId, string appKey)
    {
        var copy = exemplar.DeepClone().AsObject();
        var metadata = copy["metadata"]!.AsObject();
        var owner = metadata["ownerReferences"]![0]!.AsObject();
        owner["name"] = member.Name;
        owner["uid"] = uid;
        copy["metadata"] = new JsonObject
        {
            ["name"] = ProjectTemplate.ConnectionSecretName(member.Name),
            ["namespace"] = member.Namespace,
            ["labels"] = metadata["labels"]?.DeepClone(),
            ["annotations"] = metadata["annotations"]?.DeepClone(),
            ["ownerReferences"] = new JsonArray(owner.DeepClone()),
        };
        var data = copy["data"]!.AsObject();
        data["app_id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(appId));
        data["app_key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(appKey));
        return copy;
    }

    /// <summary>The harness's project must be what the operator would have made: any difference would be drift.</summary>
    private void CheckSameAsExemplar(string exemplarAppId, string builtAppId)
    {
        var made = bed.Cpaas.Store.Find(exemplarAppId)!;
        var built = bed.Cpaas.Store.Find(builtAppId)!;
        var differences = new List<string>();
        void Compare(string field, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                differences.Add(field);
            }
        }

        Compare("category_id", made.CategoryId, built.CategoryId);
        Compare("customer_id", made.CustomerId, built.CustomerId);
        Compare("short_desc", made.ShortDesc, built.ShortDesc);
        Compare("description", made.Description, built.Description);
        Compare("services_incl", made.Services, built.Services);
        Compare("status", made.Status, built.Status);
        Compare("video keys", string.Join(",", made.Video.Select(p => p.Key)), string.Join(",", built.Video.Select(p => p.Key)));
        Compare("voice", made.Voice.ToJsonString(), built.Voice.ToJsonString());
        Compare("sms", made.Sms.ToJsonString(), built.Sms.ToJsonString());
        Compare("embed", made.Embed.ToJsonString(), built.Embed.ToJsonString());
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"the harness's projects differ from the operator's exemplar in {string.Join(", ", differences)}");
        }
    }

    private HttpClient ApiClient()
    {
        var account = bed.Cpaas.AdminAccount;
        var client = new HttpClient { BaseAddress = bed.Cpaas.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiId}:{account.ApiKey}")));
        return client;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || JsonNode.Parse(text) is not JsonObject body)
        {
            throw new InvalidOperationException($"CPaaS sandbox answered {(int)response.StatusCode}: {text}");
        }

        return body;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static double Seconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalSeconds, 1);
}
