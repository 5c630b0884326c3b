using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>The outcome a bad-input case expects.</summary>
public enum ExpectedOutcome
{
    /// <summary>kubectl apply fails with the schema's message; nothing is stored.</summary>
    Rejected,

    /// <summary>Stored, then Ready=False with a named reason.</summary>
    NotReady,

    /// <summary>Hostile but valid: stored and converged.</summary>
    Ready,
}

/// <summary>
/// One file of the corpus in BadInput/: a header of comments (<c># case:</c>, <c># expect: rejected|not-ready|ready</c>,
/// <c># message:</c> substrings of kubectl's error, <c># reason:</c> the Ready condition's reason) and the manifests;
/// the last CpaasProject is the subject. <c>${NAME}</c> placeholders are filled from the test's control resources.
/// </summary>
/// <remarks>
/// <c># known-issue:</c> marks a case whose expected (correct) outcome the operator does not reach yet: its actual
/// outcome is printed, and it fails the run only once the issue is fixed (then the marker must go).
/// </remarks>
public sealed record BadInputCase(string File, string Title, ExpectedOutcome Expect, IReadOnlyList<string> Messages, string? Reason, string? KnownIssue, string Yaml)
{
    public static IReadOnlyList<BadInputCase> LoadAll(string directory) =>
        Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(Load).ToList();

    public static BadInputCase Load(string path)
    {
        var text = System.IO.File.ReadAllText(path);
        var header = text.Split('\n').TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
        string? Value(string key) => header.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..].Trim()).FirstOrDefault();
        var expect = Value("expect") switch
        {
            "rejected" => ExpectedOutcome.Rejected,
            "not-ready" => ExpectedOutcome.NotReady,
            "ready" => ExpectedOutcome.Ready,
            var other => throw new InvalidDataException($"{path}: expect '{other}' is not rejected, not-ready or ready"),
        };
        var messages = header.Where(l => l.StartsWith("message:", StringComparison.Ordinal)).Select(l => l["message:".Length..].Trim()).ToList();
        var reason = Value("reason");
        if ((expect == ExpectedOutcome.Rejected && messages.Count == 0) || (expect == ExpectedOutcome.NotReady && reason is null))
        {
            throw new InvalidDataException($"{path}: a rejected case needs '# message:', a not-ready case '# reason:'");
        }

        return new BadInputCase(Path.GetFileName(path), Value("case") ?? Path.GetFileName(path), expect, messages, reason, Value("known-issue"), text);
    }

    /// <summary>The YAML with placeholders filled.</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(Yaml, (yaml, pair) => yaml.Replace("${" + pair.Key + "}", pair.Value, StringComparison.Ordinal));

    /// <summary>Namespace and name of the subject (the last CpaasProject of the file).</summary>
    public (string Namespace, string Name) Subject(IReadOnlyDictionary<string, string> values)
    {
        var project = YamlDocuments.Parse(Render(values)).Last(d => d["kind"]?.GetValue<string>() == "CpaasProject");
        var metadata = project["metadata"] as JsonObject ?? [];
        return (metadata["namespace"]?.GetValue<string>() ?? "default", metadata["name"]?.GetValue<string>() ?? "");
    }

    public override string ToString() => $"{File} ({Title})";
}
