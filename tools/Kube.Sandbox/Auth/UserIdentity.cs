namespace Kube.Sandbox.Auth;

/// <summary>Who a request comes from, as kube-apiserver's authenticators would report it.</summary>
public sealed record UserIdentity(string Name, IReadOnlyList<string> Groups)
{
    public const string MastersGroup = "system:masters";
    public const string AuthenticatedGroup = "system:authenticated";

    public bool IsMaster => Groups.Contains(MastersGroup, StringComparer.Ordinal);

    /// <summary>
    /// Adds the groups kube-apiserver adds itself: system:authenticated for everyone, and the
    /// service-account groups for system:serviceaccount:NS:NAME users.
    /// </summary>
    public static UserIdentity Create(string name, IReadOnlyList<string>? groups)
    {
        var all = new List<string>(groups ?? []);
        const string saPrefix = "system:serviceaccount:";
        if (name.StartsWith(saPrefix, StringComparison.Ordinal))
        {
            var parts = name[saPrefix.Length..].Split(':');
            if (parts.Length == 2)
            {
                all.Add("system:serviceaccounts");
                all.Add("system:serviceaccounts:" + parts[0]);
            }
        }

        all.Add(AuthenticatedGroup);
        return new UserIdentity(name, all.Distinct(StringComparer.Ordinal).ToArray());
    }
}
