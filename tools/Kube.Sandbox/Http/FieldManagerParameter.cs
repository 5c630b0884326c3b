using System.Globalization;
using System.Text;

namespace Kube.Sandbox.Http;

/// <summary>
/// The <c>fieldManager</c> query parameter of a create, update or patch, validated as kube-apiserver validates
/// CreateOptions, UpdateOptions and PatchOptions (apimachinery's ValidateFieldManager): at most 128 bytes, printable
/// characters only (Go's unicode.IsPrint), and required for an apply patch. Empty means "not set": the server then
/// derives the manager from the User-Agent.
/// </summary>
internal static class FieldManagerParameter
{
    public const int MaxBytes = 128;
    private const string Field = "fieldManager";

    /// <summary>Throws 422 Invalid, as kube-apiserver answers, when <paramref name="fieldManager"/> is not acceptable.</summary>
    /// <param name="verb">create, update or patch: names the options kind of the error (CreateOptions...).</param>
    public static void Validate(string verb, string fieldManager, bool applyPatch)
    {
        var causes = new List<StatusCause>();
        if (applyPatch && fieldManager.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: is required for apply patch", Field));
        }

        if (Encoding.UTF8.GetByteCount(fieldManager) > MaxBytes)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {MaxBytes} bytes", Field));
        }

        var position = 0;
        foreach (var rune in fieldManager.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                causes.Add(new StatusCause(
                    "FieldValueInvalid",
                    $"Invalid value: {GoQuote(fieldManager)}: invalid character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)} (at position {position})",
                    Field));
            }

            position += rune.Utf8SequenceLength;
        }

        if (causes.Count > 0)
        {
            throw ApiException.Invalid(OptionsKind(verb), "meta.k8s.io", string.Empty, causes);
        }
    }

    // Go's strconv.Quote (%q), as the API server prints a bad value: printable characters as they are, the others escaped.
    private static string GoQuote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            quoted.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                _ when IsPrintable(rune) => rune.ToString(),
                < 0x80 => $"\\x{rune.Value:x2}",
                < 0x10000 => $"\\u{rune.Value:x4}",
                _ => $"\\U{rune.Value:x8}",
            });
        }

        return quoted.Append('"').ToString();
    }

    private static string OptionsKind(string verb) => verb switch
    {
        "create" => "CreateOptions",
        "update" => "UpdateOptions",
        _ => "PatchOptions",
    };

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrintable(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) is not (
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
}
