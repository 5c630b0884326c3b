using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>Masks the values of secret keys in request bodies before they reach the journal.</summary>
public static class SecretMasking
{
    public const string Mask = "***";

    /// <summary>Keys whose values are never recorded (matched case-insensitively, at any depth).</summary>
    public static IReadOnlySet<string> SecretKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "app_key", "api_key", "password", "encryption_key", "secret_key", "access_key", "access_key_id", "access_file",
    };

    /// <summary>The body with every secret value replaced by <see cref="Mask"/>; a body that is not JSON is not kept.</summary>
    public static string? MaskBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return $"<not JSON, {body.Length} characters, not recorded>";
        }

        MaskInPlace(node);
        return node is null ? "null" : WireJson.Write(node);
    }

    private static void MaskInPlace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (SecretKeys.Contains(key))
                    {
                        if (obj[key] is not null)
                        {
                            obj[key] = Mask;
                        }
                    }
                    else
                    {
                        MaskInPlace(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskInPlace(item);
                }

                break;
        }
    }
}
