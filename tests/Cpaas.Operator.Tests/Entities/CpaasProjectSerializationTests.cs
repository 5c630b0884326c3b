using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Tests.Config;
using Cpaas.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Entities;

public sealed class CpaasProjectSerializationTests
{
    private static JsonNode SampleSpec(string name) => SampleTests.RawProject(name)["spec"]!;

    [Theory]
    [MemberData(nameof(SampleTests.ProjectSamples), MemberType = typeof(SampleTests))]
    public void Sample_round_trips_through_the_types_with_the_operators_JSON_without_losing_a_field(string name)
    {
        var project = SampleTests.LoadTyped(name).OfType<CpaasProject>().Single();

        var json = JsonNode.Parse(OperatorJson.Kube.Serialize(project))!;

        Assert.True(
            JsonNode.DeepEquals(SampleSpec(name), json["spec"]),
            $"spec of {name} after the types:\n{json["spec"]}");
    }

    [Fact]
    public void Json_from_the_API_server_deserializes_with_enum_strings_and_status()
    {
        const string json = """
            {
              "apiVersion": "cpaas.enablex.io/v1alpha1",
              "kind": "CpaasProject",
              "metadata": { "name": "demo", "namespace": "team-a", "generation": 3 },
              "spec": { "categoryId": "1", "deletionPolicy": "Suspend", "video": { "notificationUrl": "https://x.example" } },
              "status": {
                "appId": "app-1",
                "observedGeneration": 3,
                "conditions": [ { "type": "Ready", "status": "True", "reason": "Available", "message": "", "lastTransitionTime": "2026-01-02T03:04:05Z", "observedGeneration": 3 } ],
                "appliedInputHashes": { "embed": "h1" },
                "lastDriftRepair": { "time": "2026-01-02T03:04:05Z", "fields": ["video.notificationUrl"] }
              }
            }
            """;

        var project = OperatorJson.Kube.Deserialize<CpaasProject>(json);

        Assert.Equal(DeletionPolicy.Suspend, project.Spec.DeletionPolicy);
        Assert.Equal("https://x.example", project.Spec.Video?.NotificationUrl);
        Assert.Equal("app-1", project.Status?.AppId);
        var ready = Assert.Single(project.Status!.Conditions!);
        Assert.Equal(WellKnownNames.ConditionTypes.Ready, ready.Type);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ready.LastTransitionTime.ToUniversalTime());
        Assert.Equal(["video.notificationUrl"], project.Status.LastDriftRepair!.Fields!);
    }

    [Fact]
    public void Serialized_project_has_api_version_and_kind_camelCase_names_and_no_nulls()
    {
        var project = new CpaasProject
        {
            Metadata = new V1ObjectMeta { Name = "demo" },
            Spec = new CpaasProjectSpec { CategoryId = "1", DeletionPolicy = DeletionPolicy.Retain, Sms = new SmsSpec { Incoming = true } },
        };

        var json = JsonNode.Parse(OperatorJson.Kube.Serialize(project))!;

        Assert.Equal("cpaas.enablex.io/v1alpha1", json["apiVersion"]!.GetValue<string>());
        Assert.Equal("CpaasProject", json["kind"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"categoryId":"1","deletionPolicy":"Retain","sms":{"incoming":true}}"""),
            json["spec"]));
        Assert.Null(json["status"]);
    }

    [Fact]
    public void Defaults_apply_in_code_without_touching_spec()
    {
        var project = new CpaasProject { Metadata = new V1ObjectMeta { Name = "support-desk" }, Spec = new CpaasProjectSpec { CategoryId = "1" } };

        Assert.Equal("support-desk", project.EffectiveAppName());
        Assert.Equal("support-desk-cpaas", project.EffectiveConnectionSecretName());
        Assert.Equal(DeletionPolicy.Retain, project.EffectiveDeletionPolicy());
        Assert.Null(project.Spec.AppName);
        Assert.Null(project.Spec.ConnectionSecret);
        Assert.Null(project.Spec.DeletionPolicy);
    }

    [Fact]
    public void Explicit_spec_values_win_over_the_defaults()
    {
        var project = new CpaasProject
        {
            Metadata = new V1ObjectMeta { Name = "support-desk" },
            Spec = new CpaasProjectSpec
            {
                CategoryId = "1",
                AppName = "Support Desk",
                ConnectionSecret = new ConnectionSecretSpec { Name = "desk-secret" },
                DeletionPolicy = DeletionPolicy.Suspend,
            },
        };

        Assert.Equal("Support Desk", project.EffectiveAppName());
        Assert.Equal("desk-secret", project.EffectiveConnectionSecretName());
        Assert.Equal(DeletionPolicy.Suspend, project.EffectiveDeletionPolicy());
    }
}
