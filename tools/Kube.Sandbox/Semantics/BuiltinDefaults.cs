using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;

namespace Kube.Sandbox.Semantics;

/// <summary>The defaulting and normalisation kube-apiserver applies to the built-in kinds on every write.</summary>
public sealed class BuiltinDefaults
{
    private readonly Lock _gate = new();
    private int _nextServiceIp = 10;

    public void Apply(ResourceType type, JsonObject obj, JsonObject? previous, DateTimeOffset now)
    {
        switch (type.Group, type.Plural)
        {
            case ("", "secrets"):
                NormalizeSecret(obj);
                break;
            case ("", "namespaces"):
                obj["spec"] ??= new JsonObject();
                obj["spec"]!["finalizers"] ??= new JsonArray("kubernetes");
                obj["status"] ??= new JsonObject();
                obj["status"]!["phase"] ??= "Active";
                break;
            case ("", "services"):
                DefaultService(obj, previous);
                break;
            case ("apps", "deployments"):
                obj["spec"] ??= new JsonObject();
                obj["spec"]!["replicas"] ??= 1;
                obj["spec"]!["revisionHistoryLimit"] ??= 10;
                obj["spec"]!["progressDeadlineSeconds"] ??= 600;
                var strategy = obj["spec"]!["strategy"] as JsonObject ?? new JsonObject();
                obj["spec"]!["strategy"] = strategy;
                strategy["type"] ??= "RollingUpdate";
                if ((string?)strategy["type"] == "RollingUpdate")
                {
                    strategy["rollingUpdate"] ??= new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" };
                }
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                DefaultCrd(obj, now);
                break;
        }
    }

    // stringData is write-only: merged into data (base64) and never stored.
    private static void NormalizeSecret(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)value ?? string.Empty));
            }

            obj["data"] = data;
        }

        obj.Remove("stringData");
    }

    private void DefaultService(JsonObject obj, JsonObject? previous)
    {
        var spec = obj["spec"] as JsonObject ?? new JsonObject();
        obj["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if ((string?)spec["type"] != "ExternalName" && spec["clusterIP"] is null)
        {
            var kept = (string?)previous?["spec"]?["clusterIP"];
            string ip;
            if (kept is not null)
            {
                ip = kept;
            }
            else
            {
                lock (_gate)
                {
                    var n = _nextServiceIp++;
                    ip = string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 250}.{(n % 250) + 1}");
                }
            }

            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }

        obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    // The sandbox establishes a CRD at once (no asynchronous naming controller): names accepted, Established=True.
    private static void DefaultCrd(JsonObject crd, DateTimeOffset now)
    {
        var spec = crd["spec"] as JsonObject;
        var names = spec?["names"] as JsonObject;
        if (spec is null || names is null)
        {
            return;
        }

        var kind = (string?)names["kind"] ?? string.Empty;
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        var storage = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["storage"]?.GetValue<bool>() == true).Select(v => (string?)v["name"]).FirstOrDefault();

        var status = crd["status"] as JsonObject ?? new JsonObject();
        var stamp = ObjectMeta.Timestamp(now);
        var existing = status["conditions"] as JsonArray;
        string Since(string type) => (string?)existing?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type)?["lastTransitionTime"] ?? stamp;
        status["acceptedNames"] = names.DeepClone();
        status["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = Since("NamesAccepted"), ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
            new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = Since("Established"), ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" });
        var stored = (status["storedVersions"] as JsonArray)?.Select(v => (string?)v).OfType<string>().ToList() ?? [];
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }

        status["storedVersions"] = new JsonArray(stored.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
        crd["status"] = status;
    }
}
