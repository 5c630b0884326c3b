using System.Text.Json.Nodes;

namespace Kube.Sandbox.Schema;

/// <summary>The order kube-apiserver applies a CRD schema to a written object: prune, default, validate.</summary>
public static class CustomResourceSchema
{
    public static SchemaOutcome Process(JsonObject obj, JsonObject? schema)
    {
        var outcome = new SchemaOutcome();
        if (schema is null)
        {
            return outcome;
        }

        SchemaPruner.Prune(obj, schema, outcome.UnknownFields);
        SchemaDefaulter.Apply(obj, schema);
        SchemaValidator.Validate(obj, schema, outcome.Causes);
        return outcome;
    }
}
