using Microsoft.AspNetCore.Http;

namespace Kube.Sandbox.Http;

/// <summary>A request path understood the way kube-apiserver's RequestInfoFactory understands it.</summary>
public sealed record ApiRequestInfo
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public required string Verb { get; init; }

    public required string Path { get; init; }

    public bool IsResourceRequest { get; init; }

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string Resource { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Subresource { get; init; } = string.Empty;

    public static ApiRequestInfo Parse(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var nonResource = new ApiRequestInfo { Verb = request.Method.ToLowerInvariant(), Path = path };
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return nonResource;
        }

        string group;
        string version;
        int index;
        switch (parts[0])
        {
            case "api" when parts.Length >= 3:
                group = string.Empty;
                version = parts[1];
                index = 2;
                break;
            case "apis" when parts.Length >= 4:
                group = parts[1];
                version = parts[2];
                index = 3;
                break;
            default:
                return nonResource;
        }

        var rest = parts[index..];
        var ns = string.Empty;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
            else
            {
                // /namespaces/{name}[/status|/finalize] is the Namespace object itself.
                rest = ["namespaces", .. rest[1..]];
                ns = string.Empty;
            }
        }

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : string.Empty;
        var subresource = rest.Length > 2 ? string.Join('/', rest[2..]) : string.Empty;
        var isWatch = request.Query["watch"] is var w && (w == "true" || w == "1");
        var verb = request.Method switch
        {
            "GET" or "HEAD" when isWatch => "watch",
            "GET" or "HEAD" => name.Length == 0 ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length == 0 ? "deletecollection" : "delete",
            _ => request.Method.ToLowerInvariant(),
        };

        return new ApiRequestInfo
        {
            Verb = verb,
            Path = path,
            IsResourceRequest = true,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
        };
    }
}
