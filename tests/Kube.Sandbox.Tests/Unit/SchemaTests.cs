using System.Text.Json.Nodes;
using Kube.Sandbox.Schema;

namespace Kube.Sandbox.Tests.Unit;

public sealed class SchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "required": ["categoryId"],
              "properties": {
                "categoryId": {"type": "string", "minLength": 1},
                "deletionPolicy": {"type": "string", "enum": ["Retain", "Suspend"], "default": "Retain"},
                "port": {"x-kubernetes-int-or-string": true},
                "email": {"type": "string", "format": "email"},
                "replicas": {"type": "integer", "minimum": 1, "format": "int32"},
                "items": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {"name": {"type": "string", "default": "x"}}}},
                "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}
              }
            },
            "status": {"type": "object", "properties": {"appId": {"type": "string"}}}
          }
        }
        """)!.AsObject();

    private static (JsonObject Obj, SchemaOutcome Outcome) Process(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        return (obj, CustomResourceSchema.Process(obj, Schema));
    }

    [Fact]
    public void Unknown_fields_are_pruned_and_reported_except_under_preserve_unknown_fields()
    {
        var (obj, outcome) = Process("""{"apiVersion":"a/v1","kind":"K","metadata":{"name":"n"},"spec":{"categoryId":"c","bogus":1,"free":{"any":{"thing":true}},"labels":{"a":"b"}},"extra":1}""");

        Assert.Equal(["spec.bogus", "extra"], outcome.UnknownFields.OrderByDescending(f => f.Length).ToArray());
        Assert.Null(obj["extra"]);
        Assert.Null(obj["spec"]!["bogus"]);
        Assert.Equal(true, (bool?)obj["spec"]!["free"]!["any"]!["thing"]);
        Assert.Equal("b", (string?)obj["spec"]!["labels"]!["a"]);
        Assert.Empty(outcome.Causes);
    }

    [Fact]
    public void Defaults_fill_absent_properties_including_inside_array_items()
    {
        var (obj, outcome) = Process("""{"spec":{"categoryId":"c","items":[{}]}}""");
        Assert.Equal("Retain", (string?)obj["spec"]!["deletionPolicy"]);
        Assert.Equal("x", (string?)obj["spec"]!["items"]![0]!["name"]);
        Assert.Empty(outcome.Causes);
    }

    [Fact]
    public void Defaults_do_not_create_missing_parents()
    {
        var (obj, _) = Process("""{"status":{}}""");
        Assert.Null(obj["spec"]);
    }

    [Fact]
    public void Violations_are_worded_like_kube_apiserver()
    {
        var (_, outcome) = Process("""{"spec":{"deletionPolicy":"Delete","port":1.5,"email":"nope","replicas":0,"items":[]}}""");
        var messages = outcome.Causes.Select(c => $"{c.Field}: {c.Message}").ToList();

        Assert.Contains("spec.categoryId: Required value", messages);
        Assert.Contains("spec.deletionPolicy: Unsupported value: \"Delete\": supported values: \"Retain\", \"Suspend\"", messages);
        Assert.Contains("spec.port: Invalid value: 1.5: spec.port in body must be of type integer,string: \"number\"", messages);
        Assert.Contains("spec.email: Invalid value: \"nope\": spec.email in body must be of type email: \"nope\"", messages);
        Assert.Contains("spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1", messages);
        Assert.Contains("spec.items: Invalid value: 0: spec.items in body should have at least 1 items", messages);
        Assert.Equal("FieldValueRequired", outcome.Causes.Single(c => c.Field == "spec.categoryId").Reason);
        Assert.Equal("FieldValueNotSupported", outcome.Causes.Single(c => c.Field == "spec.deletionPolicy").Reason);
    }

    [Fact]
    public void Int_or_string_accepts_both()
    {
        Assert.Empty(Process("""{"spec":{"categoryId":"c","port":8080}}""").Outcome.Causes);
        Assert.Empty(Process("""{"spec":{"categoryId":"c","port":"http"}}""").Outcome.Causes);
    }

    [Fact]
    public void Wrong_type_is_reported_with_the_actual_type()
    {
        var (_, outcome) = Process("""{"spec":{"categoryId":5}}""");
        Assert.Equal("Invalid value: 5: spec.categoryId in body must be of type string: \"integer\"", Assert.Single(outcome.Causes).Message);
    }
}
