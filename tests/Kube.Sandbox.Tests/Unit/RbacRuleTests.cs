using System.Text.Json.Nodes;
using Kube.Sandbox.Auth;

namespace Kube.Sandbox.Tests.Unit;

public sealed class RbacRuleTests
{
    private static JsonObject Rule(string json) => JsonNode.Parse(json)!.AsObject();

    private static RequestAttributes Request(string verb, string group, string resource, string subresource = "", string name = "") =>
        new(verb, true, string.Empty, group, resource, subresource, "ns", name);

    [Fact]
    public void Subresources_must_be_named_or_wildcarded()
    {
        var rule = Rule("""{"apiGroups":["cpaas.enablex.io"],"resources":["cpaasprojects"],"verbs":["update"]}""");
        Assert.True(RbacAuthorizer.Matches(rule, Request("update", "cpaas.enablex.io", "cpaasprojects")));
        Assert.False(RbacAuthorizer.Matches(rule, Request("update", "cpaas.enablex.io", "cpaasprojects", "status")));

        var status = Rule("""{"apiGroups":["cpaas.enablex.io"],"resources":["cpaasprojects/status"],"verbs":["update","patch"]}""");
        Assert.True(RbacAuthorizer.Matches(status, Request("patch", "cpaas.enablex.io", "cpaasprojects", "status")));
        var anyStatus = Rule("""{"apiGroups":["*"],"resources":["*/status"],"verbs":["*"]}""");
        Assert.True(RbacAuthorizer.Matches(anyStatus, Request("update", "apps", "deployments", "status")));
    }

    [Fact]
    public void Resource_names_restrict_named_requests_only()
    {
        var rule = Rule("""{"apiGroups":[""],"resources":["secrets"],"resourceNames":["creds"],"verbs":["get","list"]}""");
        Assert.True(RbacAuthorizer.Matches(rule, Request("get", "", "secrets", name: "creds")));
        Assert.False(RbacAuthorizer.Matches(rule, Request("get", "", "secrets", name: "other")));
        Assert.False(RbacAuthorizer.Matches(rule, Request("list", "", "secrets")));
    }

    [Fact]
    public void Forbidden_message_matches_kube_apiserver()
    {
        Assert.Equal("secrets is forbidden: User \"x\" cannot list resource \"secrets\" in API group \"\" in the namespace \"ns\"", Request("list", "", "secrets").ForbiddenMessage("x"));
        Assert.Equal("cpaasprojects.cpaas.enablex.io \"p\" is forbidden: User \"x\" cannot update resource \"cpaasprojects/status\" in API group \"cpaas.enablex.io\" in the namespace \"ns\"", Request("update", "cpaas.enablex.io", "cpaasprojects", "status", "p").ForbiddenMessage("x"));
    }
}
