namespace Quickstart.Tests.Journeys;

/// <summary>Small CpaasProjects written the way a user would, as YAML for kubectl.</summary>
internal static class Manifests
{
    /// <summary>
    /// A project with a video section. <paramref name="extraSpec"/> is more spec YAML (indented by two spaces),
    /// <paramref name="extraVideo"/> more keys of the video section (indented by four).
    /// </summary>
    public static string VideoProject(string name, string ns, string notificationUrl, string extraSpec = "", string extraVideo = "") => $"""
        apiVersion: cpaas.enablex.io/v1alpha1
        kind: CpaasProject
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          categoryId: customer-support
          shortDescription: A kubectl journey
        {extraSpec}
          video:
            notificationUrl: {notificationUrl}
        {extraVideo}
        """;
}
