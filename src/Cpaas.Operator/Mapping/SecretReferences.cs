using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>A secret reference of the spec and the field that holds it (for example <c>video.sip.passwordSecretRef</c>).</summary>
public sealed record SecretReferenceField(string Field, SecretKeySelector Selector);

/// <summary>Finds every SecretKeySelector in a spec, so the reconciler knows which Secrets to read and watch.</summary>
public static class SecretReferences
{
    public static IReadOnlyList<SecretReferenceField> Collect(CpaasProjectSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var found = new List<SecretReferenceField>();
        foreach (var section in new object?[] { spec.Video, spec.Voice, spec.Sms, spec.Embed })
        {
            if (section is not null)
            {
                Walk(section, SectionName(section), found);
            }
        }

        return found;
    }

    private static string SectionName(object section) => section switch
    {
        VideoSpec => "video",
        VoiceSpec => "voice",
        SmsSpec => "sms",
        _ => "embed",
    };

    private static void Walk(object value, string path, List<SecretReferenceField> found)
    {
        switch (value)
        {
            case SecretKeySelector selector:
                found.Add(new SecretReferenceField(path, selector));
                return;
            case string:
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        Walk(item, $"{path}[{index}]", found);
                    }

                    index++;
                }

                return;
        }

        if (value.GetType().Namespace != typeof(CpaasProjectSpec).Namespace)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetValue(value) is { } child && property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                Walk(child, $"{path}.{name.Name}", found);
            }
        }
    }
}
