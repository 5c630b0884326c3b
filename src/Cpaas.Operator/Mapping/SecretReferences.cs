using System.Collections;
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

    // The walk follows the serializer's source-generated metadata (wire names, property getters), not reflection:
    // every SecretKeySelector the spec can hold is found, also one added later, in the Native AOT executable too.
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

        var type = value.GetType();
        if (type.Namespace != typeof(CpaasProjectSpec).Namespace || !OperatorJson.Kube.Options.TryGetTypeInfo(type, out var info))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Get?.Invoke(value) is { } child)
            {
                Walk(child, $"{path}.{property.Name}", found);
            }
        }
    }
}
