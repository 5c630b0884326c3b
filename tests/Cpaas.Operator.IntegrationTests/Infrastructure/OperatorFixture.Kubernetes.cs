using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        var created = await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, ns, Plural);
        return ToProject(created);
    }

    public async Task<CpaasProject?> GetProjectAsync(string ns, string name)
    {
        try
        {
            return ToProject(await Admin.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, name));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>JSON merge patch of a CpaasProject (spec or metadata), as kubectl patch --type merge would send.</summary>
    public async Task<CpaasProject> PatchProjectAsync(string ns, string name, string mergePatchJson) =>
        ToProject(await Admin.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(mergePatchJson, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name));

    public Task<CpaasProject> PatchProjectAsync(string ns, string name, JsonObject mergePatch) => PatchProjectAsync(ns, name, mergePatch.ToJsonString());

    public async Task DeleteProjectAsync(string ns, string name) =>
        await Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, Plural, name);

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
        WaitAsync<CpaasProject, object>(
            what,
            async ct =>
            {
                var list = KubernetesJson.Deserialize<CpaasProjectList>(JsonSerializer.Serialize(
                    await Admin.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, ns, Plural, fieldSelector: $"metadata.name={name}", cancellationToken: ct)));
                return (list.Items.FirstOrDefault(), list.Metadata.ResourceVersion);
            },
            (rv, ct) => Admin.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                Group, Version, ns, Plural, fieldSelector: $"metadata.name={name}", resourceVersion: rv, watch: true, timeoutSeconds: 60, cancellationToken: ct),
            condition,
            p => p is null ? "(absent)" : KubernetesJson.Serialize(new { p.Metadata.Generation, p.Metadata.Annotations, p.Metadata.Finalizers, p.Metadata.DeletionTimestamp, p.Status }));

    public Task<V1Secret?> WaitForSecretAsync(string ns, string name, Func<V1Secret?, bool> condition, string what) =>
        WaitAsync<V1Secret, V1SecretList>(
            what,
            async ct =>
            {
                var list = await Admin.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: ct);
                return (list.Items.FirstOrDefault(), list.Metadata.ResourceVersion);
            },
            (rv, ct) => Admin.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(ns, fieldSelector: $"metadata.name={name}", resourceVersion: rv, watch: true, timeoutSeconds: 60, cancellationToken: ct),
            condition,
            s => s is null ? "(absent)" : $"Secret {name} keys [{string.Join(", ", s.Data?.Keys ?? [])}] rv {s.Metadata.ResourceVersion}");

    /// <summary>Waits for an event with this reason about the named object.</summary>
    public async Task<Corev1Event> WaitForEventAsync(string ns, string involvedName, string reason)
    {
        Corev1Event? found = null;
        await WaitAsync<Corev1Event, Corev1EventList>(
            $"event {reason} on {ns}/{involvedName}",
            async ct =>
            {
                var list = await Admin.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
                return (list.Items.FirstOrDefault(e => e.InvolvedObject?.Name == involvedName && e.Reason == reason), list.Metadata.ResourceVersion);
            },
            (rv, ct) => Admin.CoreV1.ListNamespacedEventWithHttpMessagesAsync(ns, resourceVersion: rv, watch: true, timeoutSeconds: 60, cancellationToken: ct),
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

    private async Task<T?> WaitAsync<T, TList>(
        string what,
        Func<CancellationToken, Task<(T? Current, string ResourceVersion)>> read,
        Func<string, CancellationToken, Task<HttpOperationResponse<TList>>> watch,
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
#pragma warning disable CS0618 // The typed replacement exists for built-in kinds only; custom resources need this form.
                    await foreach (var (type, item) in watch(resourceVersion, deadline.Token).WatchAsync<T, TList>(cancellationToken: deadline.Token))
#pragma warning restore CS0618
                    {
                        if (type is WatchEventType.Bookmark or WatchEventType.Error)
                        {
                            continue;
                        }

                        last = type == WatchEventType.Deleted ? null : item;
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
    public static string Serialize(CpaasProject? project) => project is null ? string.Empty : KubernetesJson.Serialize(project);

    private static CpaasProject ToProject(object customObject) =>
        KubernetesJson.Deserialize<CpaasProject>(JsonSerializer.Serialize(customObject));
}
