using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>
/// The PATCH semantics: objects merge key by key, arrays and scalars replace, a null removes the key
/// (a later GET shows the key's empty value).
/// </summary>
internal static class JsonMerge
{
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
