using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

// The user's side of the Kubernetes API: create, read, change and delete resources and Secrets, read events, and
// wait for an outcome by watching (never by sleeping), with a deadline and the operator's log tail on failure.
public partial class OperatorFixture
{
    private const string Group = WellKnownNames.Group;
    private const string Version = WellKnownNames.Version;
    private const string Plural = WellKnownNames.Plural;

    // CpaasProjects through the operator's own typed client and JSON: KubernetesClient.Aot's custom-object calls only
    // (de)serialize its own models.
    private ResourceClient<CpaasProject> Projects => new(Admin, json: OperatorJson.Kube);

    /// <summary>Creates every object of a YAML stream (CpaasProjects and Secrets) in <paramref name="ns"/>.</summary>
    public async Task ApplyAsync(string ns, string yaml)
    {
        foreach (var document in YamlJson.Objects(yaml))
        {
            switch (document["kind"]?.GetValue<string>())
            {
                case WellKnownNames.Kind:
                    await CreateProjectAsync(ns, document);
                    break;
                case "Secret":
                    var secret = KubernetesJson.Deserialize<V1Secret>(document.ToJsonString());
                    secret.Metadata.NamespaceProperty = ns;
                    await Admin.CoreV1.CreateNamespacedSecretAsync(secret, ns);
                    break;
                default:
                    throw new InvalidOperationException($"ApplyAsync: unexpected kind {document["kind"]}");
            }
        }
    }

    /// <summary>Creates a CpaasProject from YAML (apiVersion and kind may be left out).</summary>
    public Task<CpaasProject> CreateProjectAsync(string ns, string yaml) => CreateProjectAsync(ns, YamlJson.Single(yaml));

    public async Task<CpaasProject> CreateProjectAsync(string ns, JsonObject body)
    {
        body["apiVersion"] ??= WellKnownNames.ApiVersion;
        body["kind"] ??= WellKnownNames.Kind;
        var metadata = body["metadata"]?.AsObject() ?? throw new ArgumentException("metadata is required", nameof(body));
        metadata["namespace"] = ns;
        // The body as given (it may hold fields the C# types lack), not a typed round trip.
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var created = await new KubeApiTransport(Admin).SendAsync(HttpMethod.Post, $"apis/{Group}/{Version}/namespaces/{ns}/{Plural}", null, content, CancellationToken.None);
        return OperatorJson.Kube.Deserialize<CpaasProject>(await created.Content.ReadAsStringAsync());
    }

    public Task<CpaasProject?> GetProjectAsync(string ns, string name) => Projects.GetAsync(new ObjectKey(ns, name), CancellationToken.None);

    /// <summary>JSON merge patch of a CpaasProject (spec or metadata), as kubectl patch --type merge would send.</summary>
    public Task<CpaasProject> PatchProjectAsync(string ns, string name, string mergePatchJson) =>
        Projects.PatchAsync(new ObjectKey(ns, name), PatchType.Merge, mergePatchJson, CancellationToken.None);

    public Task<CpaasProject> PatchProjectAsync(string ns, string name, JsonObject mergePatch) => PatchProjectAsync(ns, name, mergePatch.ToJsonString());

    public async Task DeleteProjectAsync(string ns, string name)
    {
        if (!await Projects.DeleteAsync(new ObjectKey(ns, name), CancellationToken.None))
        {
            throw new InvalidOperationException($"{Plural} {ns}/{name} not found");
        }
    }

    public async Task<V1Secret> CreateSecretAsync(string ns, string name, IDictionary<string, string> values) =>
        await Admin.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, StringData = values, Type = "Opaque" }, ns);

    public async Task<V1Secret?> GetSecretAsync(string ns, string name)
    {
        try
        {
            return await Admin.CoreV1.ReadNamespacedSecretAsync(name, ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static string? SecretValue(V1Secret? secret, string key) =>
        secret?.Data is { } data && data.TryGetValue(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>core/v1 events about the named object in <paramref name="ns"/>.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, string? involvedName = null)
    {
        var events = await Admin.CoreV1.ListNamespacedEventAsync(ns);
        return events.Items.Where(e => involvedName is null || e.InvolvedObject?.Name == involvedName).ToList();
    }

    public static V1Condition? Condition(CpaasProject? project, string type) =>
        project?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>The condition has this status and reason, computed for the resource's current generation.</summary>
    public static bool HasCondition(CpaasProject? project, string type, string status, string? reason = null) =>
        Condition(project, type) is { } c &&
        c.Status == status &&
        (reason is null || c.Reason == reason) &&
        c.ObservedGeneration == project!.Metadata.Generation;

    public Task<CpaasProject> WaitForReadyAsync(string ns, string name) =>
        WaitForConditionAsync(ns, name, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True);

    public async Task<CpaasProject> WaitForConditionAsync(string ns, string name, string type, string status, string? reason = null) =>
        (await WaitForProjectAsync(ns, name, p => HasCondition(p, type, status, reason), $"{ns}/{name} {type}={status}{(reason is null ? "" : "/" + reason)}"))!;

    /// <summary>Waits until the resource (null when it does not exist) satisfies <paramref name="condition"/>.</summary>
    public Task<CpaasProject?> WaitForProjectAsync(string ns, string name, Func<CpaasProject?, bool> condition, string what) =>
        WaitAsync(
            what,
            async ct =>
            {
                var list = await Projects.ListAsync(ns, new ListRequest { FieldSelector = $"metadata.name={name}" }, ct);
                return (list.Items?.FirstOrDefault(), list.Metadata!.ResourceVersion);
            },
            Watch(new ResourceClient<CpaasProject>(Admin, json: OperatorJson.Kube), ns, $"metadata.name={name}"),
            condition,
            p => p is null ? "(absent)" : Describe(p));

    public Task<V1Secret?> WaitForSecretAsync(string ns, string name, Func<V1Secret?, bool> condition, string what) =>
        WaitAsync<V1Secret>(
            what,
            async ct =>
            {
                var list = await Admin.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: ct);
                return (list.Items.FirstOrDefault(), list.Metadata.ResourceVersion);
            },
            Watch(new ResourceClient<V1Secret>(Admin, json: OperatorJson.Kube), ns, $"metadata.name={name}"),
            condition,
            s => s is null ? "(absent)" : $"Secret {name} keys [{string.Join(", ", s.Data?.Keys ?? [])}] rv {s.Metadata.ResourceVersion}");

    /// <summary>Waits for an event with this reason about the named object.</summary>
    public async Task<Corev1Event> WaitForEventAsync(string ns, string involvedName, string reason)
    {
        Corev1Event? found = null;
        await WaitAsync<Corev1Event>(
            $"event {reason} on {ns}/{involvedName}",
            async ct =>
            {
                var list = await Admin.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
                return (list.Items.FirstOrDefault(e => e.InvolvedObject?.Name == involvedName && e.Reason == reason), list.Metadata.ResourceVersion);
            },
            Watch(new ResourceClient<Corev1Event>(Admin), ns, null),
            e =>
            {
                if (e?.InvolvedObject?.Name == involvedName && e.Reason == reason)
                {
                    found = e;
                }

                return found is not null;
            },
            e => e is null ? "(none)" : $"{e.Reason}: {e.Message}");
        return found!;
    }

    // A watch from a resourceVersion, ended by the server after a minute at most.
    private static Func<string, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> Watch<T>(ResourceClient<T> client, string ns, string? fieldSelector)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (rv, ct) => client.WatchAsync(ns, new WatchRequest { FieldSelector = fieldSelector, ResourceVersion = rv, Timeout = TimeSpan.FromSeconds(60) }, ct);

    private static string Describe(CpaasProject p) =>
        new JsonObject
        {
            ["generation"] = p.Metadata.Generation,
            ["annotations"] = p.Metadata.Annotations is { } annotations ? new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))) : null,
            ["finalizers"] = p.Metadata.Finalizers is { } finalizers ? new JsonArray([.. finalizers.Select(f => (JsonNode?)f)]) : null,
            ["deletionTimestamp"] = p.Metadata.DeletionTimestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = p.Status is null ? null : JsonNode.Parse(OperatorJson.Kube.Serialize(p.Status)),
        }.ToJsonString();

    private async Task<T?> WaitAsync<T>(
        string what,
        Func<CancellationToken, Task<(T? Current, string ResourceVersion)>> read,
        Func<string, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> watch,
        Func<T?, bool> condition,
        Func<T?, string> describe)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Operator?.Exited ?? CancellationToken.None);
        deadline.CancelAfter(Patience);
        T? last = null;
        try
        {
            while (true)
            {
                (last, var resourceVersion) = await read(deadline.Token);
                if (condition(last))
                {
                    return last;
                }

                try
                {
                    await foreach (var change in watch(resourceVersion, deadline.Token))
                    {
                        if (change.Type is WatchEventType.Bookmark or WatchEventType.Error)
                        {
                            continue;
                        }

                        last = change.Type == WatchEventType.Deleted ? null : change.Object;
                        if (condition(last))
                        {
                            return last;
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !deadline.IsCancellationRequested)
                {
                    // The watch broke: read again and re-watch.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var why = Operator is { } running && running.Run.IsCompleted
                ? $"the operator stopped (exit code {running.Run.Result})"
                : $"not reached within {Patience.TotalSeconds:0}s";
            throw new Xunit.Sdk.XunitException($"Waiting for {what}: {why}.\nLast seen: {describe(last)}\nOperator log tail:\n{OperatorLogTail()}");
        }
    }

    /// <summary>Where failure messages take the operator's recent log lines from when it runs as a real process.</summary>
    public Func<string>? ProcessLogTail { get; set; }

    public string OperatorLogTail() => Operator is null && ProcessLogTail is { } tail ? tail() : Logs.Tail();

    /// <summary>The resource as JSON (metadata, spec and status), to search for values that must not be there.</summary>
    public static string Serialize(CpaasProject? project) => project is null ? string.Empty : OperatorJson.Kube.Serialize(project);
}
