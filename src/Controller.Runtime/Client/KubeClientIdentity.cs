using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Controller.Runtime.Client;

/// <summary>
/// How a client names itself to the API server: the User-Agent of every request (audit logs, API server metrics and
/// logs) and the field manager of every create, update and patch (the resource's <c>metadata.managedFields</c>).
/// Without them the API server records the HTTP library's default User-Agent and derives the manager from it.
/// The runtime has no name of its own: the operator passes its name and version (see docs/decisions).
/// </summary>
public sealed record KubeClientIdentity
{
    /// <summary>kube-apiserver rejects a longer fieldManager (bytes of UTF-8).</summary>
    public const int MaxFieldManagerBytes = 128;

    /// <param name="userAgent">Product tokens such as <c>my-operator/1.2.3</c>.</param>
    /// <param name="fieldManager">At most 128 bytes of printable characters, such as <c>my-operator</c>.</param>
    public KubeClientIdentity(string userAgent, string fieldManager)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgent);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldManager);
        using (var probe = new HttpRequestMessage())
        {
            if (!probe.Headers.UserAgent.TryParseAdd(userAgent))
            {
                throw new ArgumentException($"'{userAgent}' is not a User-Agent header value (product/version tokens and comments).", nameof(userAgent));
            }
        }

        if (FieldManagerProblem(fieldManager) is { } problem)
        {
            throw new ArgumentException($"The field manager {problem}.", nameof(fieldManager));
        }

        UserAgent = userAgent;
        FieldManager = fieldManager;
    }

    public string UserAgent { get; }

    public string FieldManager { get; }

    /// <summary>Why kube-apiserver would reject <paramref name="fieldManager"/>, or null when it accepts it.</summary>
    public static string? FieldManagerProblem(string fieldManager)
    {
        ArgumentNullException.ThrowIfNull(fieldManager);
        if (Encoding.UTF8.GetByteCount(fieldManager) > MaxFieldManagerBytes)
        {
            return $"is longer than {MaxFieldManagerBytes} bytes";
        }

        foreach (var rune in fieldManager.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                return $"has the non-printable character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }

    /// <summary>The headers every request carries.</summary>
    internal void Apply(HttpRequestHeaders headers) => headers.UserAgent.ParseAdd(UserAgent);

    // Go's unicode.IsPrint, which the API server applies: letters, marks, numbers, punctuation, symbols and the
    // ASCII space; no other space, no control or format character.
    private static bool IsPrintable(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
}
