using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cpaas.Operator.Crds;

/// <summary>
/// Writes an object as YAML the way KubernetesClient's KubernetesYaml does (block style, nulls left out, strings that
/// read as another type double-quoted, doubles with a decimal point), from the serializer's source-generated
/// metadata instead of reflection: KubernetesClient.Aot has no public YAML serializer. Keys come in the order of the
/// JSON properties, which is the models' declaration order, as KubernetesYaml wrote them.
/// </summary>
internal static partial class KubernetesYamlWriter
{
    private static readonly TagName StringTag = new("tag:yaml.org,2002:str");

    public static string Write(object value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        WriteValue(emitter, value, value.GetType(), options);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void WriteValue(IEmitter emitter, object? value, Type declaredType, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                emitter.Emit(new Scalar("null"));
                return;
            case string text:
                emitter.Emit(StringScalar(text));
                return;
            case bool flag:
                emitter.Emit(new Scalar(flag ? "true" : "false"));
                return;
            case double number:
                emitter.Emit(new Scalar(number.ToString("0.0######################", CultureInfo.InvariantCulture)));
                return;
            case int or long:
                emitter.Emit(new Scalar(Convert.ToString(value, CultureInfo.InvariantCulture)!));
                return;
            case IDictionary dictionary:
                emitter.Emit(new MappingStart());
                foreach (DictionaryEntry entry in dictionary)
                {
                    emitter.Emit(new Scalar(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!));
                    WriteValue(emitter, entry.Value, typeof(object), options);
                }

                emitter.Emit(new MappingEnd());
                return;
            case IEnumerable items when value is not byte[]:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in items)
                {
                    WriteValue(emitter, item, typeof(object), options);
                }

                emitter.Emit(new SequenceEnd());
                return;
        }

        var info = options.GetTypeInfo(declaredType == typeof(object) ? value.GetType() : declaredType);
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            emitter.Emit(new MappingStart());
            foreach (var property in info.Properties)
            {
                if (property.Get?.Invoke(value) is { } child)
                {
                    emitter.Emit(new Scalar(property.Name));
                    WriteValue(emitter, child, property.PropertyType, options);
                }
            }

            emitter.Emit(new MappingEnd());
            return;
        }

        // A type with its own converter (IntOrString, quantities, dates): its JSON scalar.
        var element = JsonSerializer.SerializeToElement(value, info);
        emitter.Emit(element.ValueKind == JsonValueKind.String ? StringScalar(element.GetString()!) : new Scalar(element.GetRawText()));
    }

    // As KubernetesYaml: its StringQuotingEmitter double-quotes what a YAML reader would take for null, a boolean or
    // a number and writes text with line breaks as a literal block; then YamlDotNet itself double-quotes the other
    // strings that are special in YAML 1.2 (True, FALSE, .inf, 0x1F, blank or space-led text).
    private static Scalar StringScalar(string text) =>
        new(AnchorName.Empty, StringTag, text, ReadsAsAnotherType().IsMatch(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : text.Trim().Length == 0 || SpecialInYaml12().IsMatch(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false);

    [GeneratedRegex(@"^(\~|null|true|false|-?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?)?$")]
    private static partial Regex ReadsAsAnotherType();

    [GeneratedRegex(@"^(null|Null|NULL|\~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|\s.*)$")]
    private static partial Regex SpecialInYaml12();
}
