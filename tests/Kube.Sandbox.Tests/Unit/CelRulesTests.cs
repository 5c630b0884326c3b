using System.Text.Json.Nodes;
using Kube.Sandbox.Http;
using Kube.Sandbox.Schema;
using Kube.Sandbox.Schema.Cel;

namespace Kube.Sandbox.Tests.Unit;

public sealed class CelRulesTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "x-kubernetes-validations": [
                {"rule": "!has(oldSelf.appId) || has(self.appId)", "message": "appId cannot be removed once set"},
                {"rule": "has(self.customerId) == has(oldSelf.customerId)", "message": "customerId cannot be added or removed after creation"},
                {"rule": "self.minReplicas <= self.maxReplicas", "message": "minReplicas must not exceed maxReplicas"},
                {"rule": "self.tags.all(t, t.size() > 0)", "message": "macros are not evaluated"}
              ],
              "properties": {
                "appId": {"type": "string", "x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "appId is immutable once set"}]},
                "customerId": {"type": "string"},
                "name": {"type": "string", "x-kubernetes-validations": [{"rule": "self.startsWith('app-') && size(self) <= 10", "reason": "FieldValueForbidden", "message": "bad name"}]},
                "minReplicas": {"type": "integer"},
                "maxReplicas": {"type": "integer"},
                "tags": {"type": "array", "items": {"type": "string"}}
              }
            }
          }
        }
        """)!.AsObject();

    private static List<string> Check(string obj, string? old = null)
    {
        var causes = new List<StatusCause>();
        CelRules.Validate(JsonNode.Parse(obj)!.AsObject(), old is null ? null : JsonNode.Parse(old)!.AsObject(), Schema, causes);
        return causes.Select(c => $"{c.Field}: {c.Message}").ToList();
    }

    [Fact]
    public void Transition_rules_are_skipped_on_create_and_enforced_on_update()
    {
        Assert.Empty(Check("""{"spec":{"appId":"a","minReplicas":1,"maxReplicas":2}}"""));

        var changed = Check("""{"spec":{"appId":"b","minReplicas":1,"maxReplicas":2}}""", """{"spec":{"appId":"a","minReplicas":1,"maxReplicas":2}}""");
        Assert.Equal(["spec.appId: Invalid value: \"string\": appId is immutable once set"], changed);

        var removed = Check("""{"spec":{"minReplicas":1,"maxReplicas":2}}""", """{"spec":{"appId":"a","minReplicas":1,"maxReplicas":2}}""");
        Assert.Equal(["spec: Invalid value: \"object\": appId cannot be removed once set"], removed);

        var added = Check("""{"spec":{"customerId":"c","minReplicas":1,"maxReplicas":2}}""", """{"spec":{"minReplicas":1,"maxReplicas":2}}""");
        Assert.Equal(["spec: Invalid value: \"object\": customerId cannot be added or removed after creation"], added);
    }

    [Fact]
    public void Plain_rules_use_message_and_reason()
    {
        Assert.Equal(["spec: Invalid value: \"object\": minReplicas must not exceed maxReplicas"], Check("""{"spec":{"minReplicas":3,"maxReplicas":2}}"""));
        Assert.Equal(["spec.name: Forbidden: bad name"], Check("""{"spec":{"name":"nope","minReplicas":1,"maxReplicas":2}}"""));
        Assert.Empty(Check("""{"spec":{"name":"app-1","minReplicas":1,"maxReplicas":2}}"""));
    }

    [Fact]
    public void Unchanged_values_are_not_rechecked_and_unsupported_rules_are_not_enforced()
    {
        var invalidButUnchanged = """{"spec":{"minReplicas":3,"maxReplicas":2,"tags":[""]}}""";
        Assert.Empty(Check(invalidButUnchanged, invalidButUnchanged));
        Assert.Empty(Check("""{"spec":{"minReplicas":1,"maxReplicas":2,"tags":[""]}}"""));
    }

    [Theory]
    [InlineData("1 + 2 * 3 == 7", true)]
    [InlineData("'a' in ['a', 'b'] && !('c' in ['a'])", true)]
    [InlineData("size('héllo') == 5 ? true : false", true)]
    [InlineData("'abc'.matches('^a.c$') || false", true)]
    [InlineData("int('42') > 41 && string(1) == '1'", true)]
    [InlineData("null == null && 2.5 > 2", true)]
    public void Expressions_evaluate(string expression, bool expected) =>
        Assert.Equal(expected, CelEvaluator.EvaluateRule(CelParser.Parse(expression), null, null));
}
