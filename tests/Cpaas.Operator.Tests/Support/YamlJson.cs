using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Cpaas.Operator.TestSupport;

/// <summary>
/// Converts YAML documents to JSON as the API server reads them (YAML 1.2 core schema): plain scalars become
/// booleans, numbers or null when they look like one, quoted scalars stay strings. One copy, compiled into
/// Cpaas.Operator.Tests and (as a linked file) Cpaas.Operator.IntegrationTests.
/// </summary>
internal static class YamlJson
{
    /// <summary>Every document (null for an empty one).</summary>
    public static IReadOnlyList<JsonNode?> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => Convert(document.RootNode)).ToList();
    }

    /// <summary>The documents that are objects.</summary>
    public static IReadOnlyList<JsonObject> Objects(string yaml) => Documents(yaml).OfType<JsonObject>().ToList();

    public static JsonObject Single(string yaml) => Objects(yaml) is [var only] ? only : throw new ArgumentException("Expected exactly one YAML document.", nameof(yaml));

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unsupported YAML node {node.NodeType}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "" or "~" or "null" or "Null" or "NULL" => null,
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
