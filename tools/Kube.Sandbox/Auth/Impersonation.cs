using Kube.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Kube.Sandbox.Auth;

/// <summary>
/// Impersonate-User / Impersonate-Group headers (kubectl --as / --as-group): the caller needs the impersonate
/// verb on users, groups or serviceaccounts (system:masters always has it); the request then runs as that identity.
/// </summary>
public static class Impersonation
{
    public static UserIdentity Resolve(UserIdentity actor, IHeaderDictionary headers, RbacAuthorizer authorizer)
    {
        var user = headers["Impersonate-User"].ToString();
        var groups = headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        if (string.IsNullOrEmpty(user))
        {
            if (groups.Count > 0)
            {
                throw ApiException.BadRequest("requested impersonation of groups without a user");
            }

            return actor;
        }

        const string saPrefix = "system:serviceaccount:";
        RequestAttributes userCheck;
        if (user.StartsWith(saPrefix, StringComparison.Ordinal) && user[saPrefix.Length..].Split(':') is [var ns, var name])
        {
            userCheck = new RequestAttributes("impersonate", true, string.Empty, string.Empty, "serviceaccounts", string.Empty, ns, name);
        }
        else
        {
            userCheck = new RequestAttributes("impersonate", true, string.Empty, string.Empty, "users", string.Empty, string.Empty, user);
        }

        Require(actor, userCheck, authorizer);
        foreach (var group in groups)
        {
            Require(actor, new RequestAttributes("impersonate", true, string.Empty, string.Empty, "groups", string.Empty, string.Empty, group), authorizer);
        }

        return UserIdentity.Create(user, groups);
    }

    private static void Require(UserIdentity actor, RequestAttributes check, RbacAuthorizer authorizer)
    {
        if (!authorizer.Allows(actor, check))
        {
            throw new ApiException(403, "Forbidden", check.ForbiddenMessage(actor.Name), check.Name, check.Group, check.Resource);
        }
    }
}
