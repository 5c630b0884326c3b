using System.Text.Json.Nodes;

namespace Kube.Sandbox.Audit;

/// <summary>authentication/v1 UserInfo as an audit event carries it.</summary>
public sealed record AuditUser(string Username, IReadOnlyList<string> Groups)
{
    public static AuditUser Anonymous { get; } = new(string.Empty, []);

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Username.Length > 0)
        {
            json["username"] = Username;
        }

        if (Groups.Count > 0)
        {
            json["groups"] = new JsonArray([.. Groups.Select(g => (JsonNode?)g)]);
        }

        return json;
    }
}
