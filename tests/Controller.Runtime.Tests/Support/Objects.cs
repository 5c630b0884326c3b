using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Support;

/// <summary>A custom kind for tests, declared the way the operator declares its entities.</summary>
[KubernetesEntity(Group = "example.com", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "example.com/v1";

    [System.Text.Json.Serialization.JsonPropertyName("kind")]
    public string Kind { get; set; } = "Widget";

    [System.Text.Json.Serialization.JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [System.Text.Json.Serialization.JsonPropertyName("spec")]
    public WidgetSpec? Spec { get; set; }
}

public sealed class WidgetSpec
{
    [System.Text.Json.Serialization.JsonPropertyName("secretName")]
    public string? SecretName { get; set; }
}

internal static class Objects
{
    public static V1ConfigMap ConfigMap(string ns, string name, string resourceVersion = "1", long generation = 1) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, ResourceVersion = resourceVersion, Generation = generation, Uid = $"uid-{ns}-{name}" },
    };

    public static V1Secret Secret(string ns, string name, string resourceVersion = "1") => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, ResourceVersion = resourceVersion, Uid = $"uid-{ns}-{name}" },
    };

    public static Widget Widget(string ns, string name, string resourceVersion = "1", long generation = 1, string? secretName = null) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, ResourceVersion = resourceVersion, Generation = generation, Uid = $"uid-{ns}-{name}" },
        Spec = new WidgetSpec { SecretName = secretName },
    };

    public static V1OwnerReference ControllerRef(string apiVersion, string kind, string name, bool controller = true) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = name,
        Uid = $"uid-{name}",
        Controller = controller,
    };
}
