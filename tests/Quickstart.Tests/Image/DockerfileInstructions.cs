using System.Text.Json;

namespace Quickstart.Tests.Image;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments, int Stage);

/// <summary>
/// Just enough of the Dockerfile syntax to read our own Dockerfile: comments, line continuations, stages,
/// and the exec (JSON array) form of ENTRYPOINT.
/// </summary>
internal sealed class DockerfileInstructions
{
    private DockerfileInstructions(IReadOnlyList<DockerfileInstruction> instructions) => All = instructions;

    public IReadOnlyList<DockerfileInstruction> All { get; }

    /// <summary>Index of the final stage (the image that runs).</summary>
    public int FinalStage => All.Max(i => i.Stage);

    public IEnumerable<DockerfileInstruction> Of(string keyword, int? stage = null) =>
        All.Where(i => i.Keyword == keyword && (stage is null || i.Stage == stage));

    /// <summary>The last value of an instruction in the final stage (USER, ENTRYPOINT: the last one wins).</summary>
    public string Last(string keyword) =>
        Of(keyword, FinalStage).LastOrDefault()?.Arguments ?? throw new InvalidOperationException($"the final stage has no {keyword}");

    public static DockerfileInstructions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var instructions = new List<DockerfileInstruction>();
        var stage = -1;
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (pending.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var full = (pending + line.Trim()).Trim();
            pending = string.Empty;
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : full[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerfileInstruction(keyword, arguments, stage));
        }

        return new DockerfileInstructions(instructions);
    }

    /// <summary>ENTRYPOINT ["dotnet", "/app/x.dll"] as its words.</summary>
    public IReadOnlyList<string> EntryPoint() =>
        JsonSerializer.Deserialize<string[]>(Last("ENTRYPOINT")) ?? throw new InvalidOperationException("ENTRYPOINT is not in exec form");
}
