using System.Text.Json.Nodes;
using Kube.Sandbox.Schema;

namespace Kube.Sandbox.Tests.Unit;

public sealed class CrdValidationTests
{
    private static List<string> Problems(string json) =>
        CrdValidation.Validate(JsonNode.Parse(json)!.AsObject()).Select(c => $"{c.Field}: {c.Message}").ToList();

    [Fact]
    public void A_well_formed_crd_has_no_problems() => Assert.Empty(Problems("""
        {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced",
         "names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
           "properties":{"spec":{"type":"object","properties":{"port":{"x-kubernetes-int-or-string":true}}},
                         "status":{"x-kubernetes-preserve-unknown-fields":true}}}}}]}}
        """));

    [Fact]
    public void Wrong_name_missing_storage_version_and_untyped_fields_are_reported_like_kube_apiserver()
    {
        var problems = Problems("""
            {"metadata":{"name":"widgets"},"spec":{"group":"example.com","scope":"Global",
             "names":{"plural":"widgets","kind":"Widget"},
             "versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object",
               "properties":{"spec":{"properties":{"size":{"type":"integer"}}}}}}}]}}
            """);

        Assert.Contains("metadata.name: Invalid value: \"widgets\": must be spec.names.plural+\".\"+spec.group", problems);
        Assert.Contains("spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"", problems);
        Assert.Contains("spec.versions: Invalid value: \"versions\": must have exactly one version marked as storage version", problems);
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields", problems);
    }

    [Fact]
    public void Missing_schema_is_required()
    {
        var problems = Problems("""{"metadata":{"name":"a.b.c"},"spec":{"group":"b.c","scope":"Cluster","names":{"plural":"a","kind":"A"},"versions":[{"name":"v1","served":true,"storage":true}]}}""");
        Assert.Equal(["spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"], problems);
    }
}
