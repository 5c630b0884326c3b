using System.Text.Json.Nodes;

namespace Kube.Sandbox.Audit;

/// <summary>The meta/v1 Status of the answer: the code, and for failures the reason and message.</summary>
public sealed record AuditResponseStatus(int Code, string? Reason = null, string? Message = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["metadata"] = new JsonObject() };
        if (Code >= 300)
        {
            json["status"] = "Failure";
            if (Message is not null)
            {
                json["message"] = Message;
            }

            if (Reason is not null)
            {
                json["reason"] = Reason;
            }
        }

        json["code"] = Code;
        return json;
    }
}
