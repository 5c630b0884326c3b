using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using Cpaas.Operator.Tests.Config;
using k8s.Models;

namespace Cpaas.Operator.Tests.Mapping;

/// <summary>The full sample project with its secrets, and a GET response built the way the API returns that project.</summary>
internal static class MappingFixtures
{
    public static CpaasProject FullProject() => SampleTests.LoadTyped("full-demo").OfType<CpaasProject>().Single();

    /// <summary>Resolved values of every SecretKeySelector in the sample (from the sample's own Secret).</summary>
    public static Dictionary<SecretKeySelector, string> FullSecrets()
    {
        var secret = SampleTests.LoadTyped("full-demo").OfType<V1Secret>().Single();
        return secret.StringData.ToDictionary(
            pair => new SecretKeySelector { Name = secret.Metadata.Name, Key = pair.Key },
            pair => pair.Value);
    }

    public static ProjectSections FullDesired() => ProjectSections.FromSpec(FullProject().Spec, FullSecrets());

    public static JsonObject ToJson<T>(T value) =>
        JsonSerializer.SerializeToNode(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)CpaasJsonContext.Default.GetTypeInfo(typeof(T))!)!.AsObject();

    /// <summary>
    /// What GET returns once the desired PATCH bodies were applied: video delivery moved to recording_delivery
    /// (ftp and scp only), no encryption, phone entries with toll, media_zone added; voice without phone.
    /// </summary>
    public static ProjectDetails GetAfterApplying(ProjectSections desired, Action<JsonObject>? edit = null)
    {
        var project = new JsonObject
        {
            ["app_id"] = "app-1",
            ["app_name"] = "full-demo-project",
            ["category_id"] = "customer-support",
            ["status"] = "active",
            ["services_incl"] = new JsonObject { ["video"] = true, ["sms"] = true, ["voice"] = true },
        };
        if (desired.Video is not null)
        {
            var video = ToJson(desired.Video);
            video.Remove("encryption");
            video["media_zone"] = new JsonArray("IN", "US");
            foreach (var phone in video["phone"]?.AsArray() ?? [])
            {
                phone!["toll"] = false;
            }

            if (video["recording"]?["delivery"] is JsonObject delivery)
            {
                video["recording"]!.AsObject().Remove("delivery");
                video["recording_delivery"] = new JsonObject
                {
                    ["ftp"] = delivery["ftp"]?.DeepClone(),
                    ["scp"] = delivery["scp"]?.DeepClone(),
                };
                video["recording_delivery"]!["scp"]!["periodicity_ex"] = "weekly on Monday";
            }

            project["video"] = video;
        }

        if (desired.Voice is not null)
        {
            var voice = ToJson(desired.Voice);
            voice.Remove("phone");
            project["voice"] = voice;
        }

        if (desired.Sms is not null)
        {
            project["sms"] = ToJson(desired.Sms);
        }

        edit?.Invoke(project);
        return project.Deserialize(CpaasJsonContext.Default.ProjectDetails)!;
    }
}
