using System.Net;
using System.Text.Json.Nodes;
using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Tests.Support;
using Cpaas.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Reconciliation.Fakes;

/// <summary>
/// An in-memory API server for CpaasProjects and Secrets, as the reconciler sees it: the informer cache (always up
/// to date unless <see cref="FreezeCache"/>), the project client (JSON and merge patches with resourceVersion
/// tests, status replace with optimistic concurrency) and the Secret stores. Every write is recorded in
/// <see cref="Writes"/> as "verb target"; <see cref="FailNext"/> makes the next matching write fail.
/// </summary>
internal sealed class FakeKubernetes : IProjectClient, IConnectionSecretStore, IInputSecretSource, IReadOnlyCache<CpaasProjectSummary>
{
    private readonly Dictionary<ObjectKey, CpaasProject> _projects = [];
    private readonly Dictionary<ObjectKey, V1Secret> _secrets = [];
    private readonly List<(string Prefix, KubeApiException Error)> _failures = [];
    private Dictionary<ObjectKey, CpaasProject>? _frozenCache;
    private Dictionary<ObjectKey, CpaasProject>? _frozenReads;
    private long _version = 100;

    public List<string> Writes { get; } = [];

    public void Add(CpaasProject project)
    {
        project.Metadata.ResourceVersion ??= NextVersion();
        _projects[ObjectKey.From(project)] = Copy(project);
    }

    public void Add(V1Secret secret)
    {
        secret.Metadata.ResourceVersion ??= NextVersion();
        _secrets[ObjectKey.From(secret)] = Copy(secret);
    }

    public CpaasProject Project(ObjectKey key) => Copy(_projects[key]);

    public V1Secret? Secret(string ns, string name) => _secrets.TryGetValue(new ObjectKey(ns, name), out var s) ? Copy(s) : null;

    public void RemoveSecret(string ns, string name) => _secrets.Remove(new ObjectKey(ns, name));

    /// <summary>The cache keeps showing the projects as they are now, whatever is written later.</summary>
    public void FreezeCache() => _frozenCache = _projects.ToDictionary(kv => kv.Key, kv => Copy(kv.Value));

    /// <summary>The cache and GETs keep showing the projects as they are now (an API server that lags its writes).</summary>
    public void FreezeReads()
    {
        FreezeCache();
        _frozenReads = _frozenCache;
    }

    public void FailNext(string writePrefix, HttpStatusCode status, string reason = "Conflict") =>
        _failures.Add((writePrefix, new KubeApiException(status, reason, $"injected {status} for {writePrefix}")));

    // ---- IReadOnlyCache<CpaasProjectSummary>
    public bool HasSynced => true;

    public int Count => CacheView.Count;

    public CpaasProjectSummary? Get(ObjectKey key) => CacheView.TryGetValue(key, out var p) ? Summaries.Of(p) : null;

    public IReadOnlyList<CpaasProjectSummary> List(string? @namespace = null) =>
        [.. CacheView.Values.Where(p => @namespace is null || p.Metadata.NamespaceProperty == @namespace).Select(Summaries.Of)];

    // What the operator's informer holds: the summary (decoded from the resource's JSON as the informer decodes it).
    public IReadOnlyList<CpaasProjectSummary> ByIndex(string indexName, string indexedValue) => indexName switch
    {
        ProjectIndexes.ByAppId => [.. CacheView.Values.Select(Summaries.Of).Where(p => ProjectIndexes.AppIds(p).Contains(indexedValue))],
        ProjectIndexes.ByConnectionSecret => [.. CacheView.Values.Select(Summaries.Of).Where(p => ProjectIndexes.ConnectionSecrets(p).Contains(indexedValue))],
        _ => throw new NotSupportedException(indexName),
    };

    public IReadOnlyList<ObjectKey> KeysByIndex(string indexName, string indexedValue) => [.. ByIndex(indexName, indexedValue).Select(ObjectKey.From)];

    private Dictionary<ObjectKey, CpaasProject> CacheView => _frozenCache ?? _projects;

    // ---- IProjectClient
    Task<CpaasProject?> IProjectClient.GetAsync(ObjectKey key, CancellationToken cancellationToken) =>
        Task.FromResult((_frozenReads ?? _projects).TryGetValue(key, out var p) ? Copy(p) : null);

    public Task<CpaasProject> PatchAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken)
    {
        var node = JsonNode.Parse(patch)!;
        // The reconciler writes metadata with merge patches only (docs/decisions/0067).
        Assert.Equal(PatchType.Merge, type);
        var label = node["metadata"] is JsonObject metadata
                ? $"merge metadata.{string.Join(",", metadata.Select(kv => kv.Key).Where(k => k != "resourceVersion"))}"
                : $"merge {string.Join(",", node.AsObject().Select(kv => kv.Key))}";
        return Write(label, key, current =>
        {
            // A resourceVersion in a merge patch is a precondition, as kube-apiserver has it (optimistic lock).
            if (node["metadata"]?["resourceVersion"] is { } expected &&
                expected.GetValue<string>() != current["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw new KubeApiException(HttpStatusCode.Conflict, "Conflict", "the object has been modified");
            }

            MergePatch(current, node);
        });
    }

    public Task<CpaasProject> PatchStatusAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken) =>
        Write("merge status", key, current => MergePatch(current, JsonNode.Parse(patch)!));

    public Task<CpaasProject> ReplaceStatusAsync(CpaasProject project, CancellationToken cancellationToken) =>
        Write("update status", ObjectKey.From(project), current =>
        {
            if (current["metadata"]!["resourceVersion"]!.GetValue<string>() != project.Metadata.ResourceVersion)
            {
                throw new KubeApiException(HttpStatusCode.Conflict, "Conflict", "the object has been modified");
            }

            current["status"] = JsonNode.Parse(OperatorJson.Kube.Serialize(project.Status));
        });

    // ---- Secrets (IConnectionSecretStore, IInputSecretSource)
    public Dictionary<ObjectKey, ObjectKey[]> TrackedReferences { get; } = [];

    public void Track(ObjectKey referrer, IEnumerable<ObjectKey> secrets) => TrackedReferences[referrer] = [.. secrets];

    public ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_secrets.TryGetValue(key, out var s) ? Copy(s) : null);

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        var key = ObjectKey.From(secret);
        Fail($"create secret {key.Name}");
        if (_secrets.ContainsKey(key))
        {
            throw new KubeApiException(HttpStatusCode.Conflict, "AlreadyExists", "exists");
        }

        Writes.Add($"create secret {key.Name}");
        var stored = Copy(secret);
        stored.Metadata.ResourceVersion = NextVersion();
        stored.Metadata.Uid = "uid-secret-" + key.Name;
        _secrets[key] = stored;
        return Task.FromResult(Copy(stored));
    }

    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        var key = ObjectKey.From(secret);
        Fail($"update secret {key.Name}");
        if (!_secrets.TryGetValue(key, out var current) || current.Metadata.ResourceVersion != secret.Metadata.ResourceVersion)
        {
            throw new KubeApiException(HttpStatusCode.Conflict, "Conflict", "the object has been modified");
        }

        Writes.Add($"update secret {key.Name}");
        var stored = Copy(secret);
        stored.Metadata.ResourceVersion = NextVersion();
        stored.Metadata.Uid = current.Metadata.Uid;
        _secrets[key] = stored;
        return Task.FromResult(Copy(stored));
    }

    public Task DeleteAsync(ObjectKey key, string? uid, CancellationToken cancellationToken)
    {
        Fail($"delete secret {key.Name}");
        Writes.Add($"delete secret {key.Name}");
        _secrets.Remove(key);
        return Task.CompletedTask;
    }

    private Task<CpaasProject> Write(string label, ObjectKey key, Action<JsonObject> change)
    {
        Fail(label);
        if (!_projects.TryGetValue(key, out var current))
        {
            throw new KubeApiException(HttpStatusCode.NotFound, "NotFound", $"{key} not found");
        }

        var node = JsonNode.Parse(OperatorJson.Kube.Serialize(current))!.AsObject();
        change(node);
        Writes.Add(label);
        var written = OperatorJson.Kube.Deserialize<CpaasProject>(node.ToJsonString());
        written.Metadata.ResourceVersion = NextVersion();
        if (written.Metadata.DeletionTimestamp is not null && written.Metadata.Finalizers is not { Count: > 0 })
        {
            _projects.Remove(key);
        }
        else
        {
            _projects[key] = written;
        }

        return Task.FromResult(Copy(written));
    }

    private void Fail(string label)
    {
        var index = _failures.FindIndex(f => label.StartsWith(f.Prefix, StringComparison.Ordinal));
        if (index >= 0)
        {
            var error = _failures[index].Error;
            _failures.RemoveAt(index);
            throw error;
        }
    }

    private static void MergePatch(JsonObject target, JsonNode patch)
    {
        foreach (var (name, value) in patch.AsObject())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject child)
            {
                if (target[name] is not JsonObject existing)
                {
                    existing = [];
                    target[name] = existing;
                }

                MergePatch(existing, child);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static T Copy<T>(T value)
        where T : class => OperatorJson.Kube.DeepCopy(value);
}
