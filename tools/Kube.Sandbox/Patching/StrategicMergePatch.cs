using System.Text.Json.Nodes;

namespace Kube.Sandbox.Patching;

/// <summary>
/// Strategic merge patch for the built-in kinds, as kubectl computes it from its compiled-in types:
/// lists with a patch merge key (containers by name, conditions by type, ...) merge element-wise,
/// finalizers merge as a set, other lists replace; directives $patch, $retainKeys,
/// $setElementOrder/ and $deleteFromPrimitiveList/ are honoured.
/// </summary>
public static class StrategicMergePatch
{
    // Field name -> merge key, the patchMergeKey tags of k8s.io/api that matter for the kinds served here.
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
        ["secrets"] = "name",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = new(StringComparer.Ordinal) { "finalizers" };

    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public static JsonNode? Apply(JsonNode? original, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        return MergeObject(original as JsonObject, patchObject);
    }

    private static JsonObject? MergeObject(JsonObject? original, JsonObject patch)
    {
        var directive = (string?)patch["$patch"];
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            var replaced = patch.DeepClone().AsObject();
            replaced.Remove("$patch");
            return (JsonObject?)StripDirectives(replaced);
        }

        var result = original?.DeepClone().AsObject() ?? new JsonObject();
        IReadOnlyList<string>? retainKeys = null;
        foreach (var (key, value) in patch)
        {
            if (key == "$patch")
            {
                continue;
            }

            if (key == "$retainKeys")
            {
                retainKeys = (value as JsonArray)?.Select(v => (string?)v).OfType<string>().ToList();
                continue;
            }

            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (result[field] is JsonArray list && value is JsonArray toDelete)
                {
                    var remaining = list.Where(item => !toDelete.Any(d => JsonNode.DeepEquals(d, item))).Select(i => i?.DeepClone()).ToArray();
                    result[field] = new JsonArray(remaining);
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                var merged = MergeObject(result[key] as JsonObject, child);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray array)
            {
                result[key] = MergeList(key, result[key] as JsonArray, array);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        // Order merged lists as the patch says ($setElementOrder/field), keeping unlisted server-side items last.
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = key[SetElementOrderPrefix.Length..];
                if (result[field] is JsonArray list)
                {
                    result[field] = Reorder(field, list, order);
                }
            }
        }

        if (retainKeys is not null)
        {
            foreach (var name in result.Select(p => p.Key).Where(k => !retainKeys.Contains(k)).ToList())
            {
                result.Remove(name);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        // A list-level {"$patch": "replace"} element replaces the whole list with the other elements.
        if (patch.Any(p => p is JsonObject o && (string?)o["$patch"] == "replace" && o.Count == 1))
        {
            return new JsonArray(patch.Where(p => !(p is JsonObject o && o.Count == 1 && o.ContainsKey("$patch"))).Select(p => StripDirectives(p?.DeepClone())).ToArray());
        }

        if (PrimitiveMergeLists.Contains(field))
        {
            var union = original?.Select(i => i?.DeepClone()).ToList() ?? [];
            foreach (var item in patch)
            {
                if (!union.Any(u => JsonNode.DeepEquals(u, item)))
                {
                    union.Add(item?.DeepClone());
                }
            }

            return new JsonArray(union.ToArray());
        }

        var key = MergeKeyFor(field, patch, original);
        if (key is null)
        {
            return new JsonArray(patch.Select(p => StripDirectives(p?.DeepClone())).ToArray());
        }

        var merged = original?.Select(i => i?.DeepClone()).ToList() ?? [];
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[key];
            var index = merged.FindIndex(m => m is JsonObject mo && JsonNode.DeepEquals(mo[key], id));
            if ((string?)item["$patch"] == "delete")
            {
                if (index >= 0)
                {
                    merged.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                merged[index] = MergeObject(merged[index] as JsonObject, item);
            }
            else
            {
                merged.Add(StripDirectives(item.DeepClone()));
            }
        }

        return new JsonArray(merged.Where(m => m is not null).ToArray());
    }

    private static string? MergeKeyFor(string field, JsonArray patch, JsonArray? original)
    {
        if (field == "ports")
        {
            var sample = patch.OfType<JsonObject>().Concat(original?.OfType<JsonObject>() ?? []).FirstOrDefault();
            return sample?.ContainsKey("containerPort") == true ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(field);
    }

    private static JsonArray Reorder(string field, JsonArray list, JsonArray order)
    {
        var key = MergeKeyFor(field, order, list);
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var index = items.FindIndex(i => key is null ? JsonNode.DeepEquals(i, wanted) : i is JsonObject o && JsonNode.DeepEquals(o[key], wanted?[key]));
            if (index >= 0)
            {
                ordered.Add(items[index]);
                items.RemoveAt(index);
            }
        }

        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    private static JsonNode? StripDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, value) in o.ToList())
                {
                    StripDirectives(value);
                }

                return o;
            case JsonArray a:
                foreach (var item in a)
                {
                    StripDirectives(item);
                }

                return a;
            default:
                return node;
        }
    }
}
