using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness;

/// <summary>
/// The lean CpaasProject of the drift scenarios: Edit-level fields and one video field that GET shows, nothing
/// write-only (no password, no embed), so a converged resource's status holds no salted input hash and the harness
/// can build its converged state itself (<see cref="ConvergedFleetBuilder"/>).
/// </summary>
public static class FleetProjectTemplate
{
    public const string CategoryId = "customer-support";
    public const string ShortDescription = "Fleet project";
    public const string Description = "A project of the converged fleet.";

    public static string AppName(FleetMember member) => $"{member.Namespace}.{member.Name}";

    public static string NotificationUrl(FleetMember member) => $"https://hooks.example.com/cpaas/video/{member.Namespace}/{member.Name}";

    public static JsonObject Project(FleetMember member) => new()
    {
        ["apiVersion"] = ManifestPaths.CpaasGroupVersion,
        ["kind"] = "CpaasProject",
        ["metadata"] = new JsonObject { ["name"] = member.Name, ["namespace"] = member.Namespace },
        ["spec"] = new JsonObject
        {
            ["appName"] = AppName(member),
            ["categoryId"] = CategoryId,
            ["shortDescription"] = ShortDescription,
            ["description"] = Description,
            ["video"] = new JsonObject { ["notificationUrl"] = NotificationUrl(member) },
        },
    };

    /// <summary>The CPaaS add body the operator sends for <see cref="Project"/> (checked against an exemplar it made).</summary>
    public static JsonObject AddBody(FleetMember member) => new()
    {
        ["app_name"] = AppName(member),
        ["category_id"] = CategoryId,
        ["short_desc"] = ShortDescription,
        ["description"] = Description,
        ["services_incl"] = new JsonObject { ["video"] = true },
    };

    /// <summary>The PATCH video body the operator sends for <see cref="Project"/>.</summary>
    public static JsonObject VideoBody(FleetMember member) => new() { ["notification_url"] = NotificationUrl(member) };
}
