using System.Text.Json;
using k8s;
using k8s.Models;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>A small CRD with a status subresource, printer columns and a schema to exercise validation.</summary>
public static class TestCrds
{
    public const string Group = "example.com";
    public const string Version = "v1";
    public const string Plural = "widgets";

    public static string Yaml { get; } = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wd]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: integer
              jsonPath: .spec.size
            - name: Ready
              type: string
              jsonPath: .status.conditions[?(@.type=="Ready")].status
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1, maximum: 10}
                      color: {type: string, enum: [red, blue], default: red}
                      name:
                        type: string
                        pattern: '^[a-z]+$'
                        maxLength: 5
                        x-kubernetes-validations:
                        - rule: self == oldSelf
                          message: name is immutable
                      tags: {type: array, maxItems: 2, items: {type: string}}
                      port: {x-kubernetes-int-or-string: true}
                      free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
                      conditions:
                        type: array
                        items:
                          type: object
                          required: [type, status]
                          properties:
                            type: {type: string}
                            status: {type: string}
                            reason: {type: string}
                            message: {type: string}
                            lastTransitionTime: {type: string, format: date-time}
        """;

    public static async Task EnsureWidgetCrdAsync(Kubernetes client)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Yaml);
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Created by another test of the same class.
        }
    }

    public static object Widget(string name, int size, object? status = null) => new Dictionary<string, object?>
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "Widget",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        ["spec"] = new Dictionary<string, object> { ["size"] = size },
        ["status"] = status,
    };

    public static JsonElement AsJson(object o) => JsonSerializer.SerializeToElement(o);
}
