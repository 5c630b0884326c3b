using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// The runtime settings the shipped image and Deployment give the operator, read from the repository's Dockerfile
/// and config/manager/manager.yaml (embedded at build time), so that the benchmark measures what ships: the
/// publish command of the build stage, the DOTNET_* environment of the runtime stage and of the manager container,
/// and the container's memory request and limit.
/// </summary>
public sealed partial record ShippedRuntime(
    IReadOnlyList<string> RestoreArguments,
    IReadOnlyList<string> PublishArguments,
    IReadOnlyDictionary<string, string> Environment,
    long? MemoryRequestBytes,
    long? MemoryLimitBytes)
{
    /// <summary>Where the Dockerfile publishes to; replaced by the benchmark's own output directory.</summary>
    public const string ImageAppDirectory = "/app";

    public static ShippedRuntime Load() => Parse(Resource("Shipped.Dockerfile"), Resource("Shipped.manager.yaml"));

    public static ShippedRuntime Parse(string dockerfile, string managerYaml)
    {
        var (runs, env) = DockerfileStages(dockerfile);
        var restore = runs.FirstOrDefault(r => r.StartsWith("dotnet restore ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The Dockerfile's build stage has no 'dotnet restore'");
        var publish = runs.FirstOrDefault(r => r.StartsWith("dotnet publish ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The Dockerfile's build stage has no 'dotnet publish'");

        var deployment = YamlDocuments.Parse(managerYaml).Single(d => d["kind"]?.GetValue<string>() == "Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == "manager")!;
        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = variable!["name"]!.GetValue<string>();
            if (name.StartsWith("DOTNET_", StringComparison.Ordinal) && variable["value"] is { } value)
            {
                env[name] = value.ToString();
            }
        }

        var memory = container["resources"];
        return new ShippedRuntime(
            ForThisMachine(Words(restore)[1..]),
            ForThisMachine(Words(publish)[1..]),
            env,
            Quantity(memory?["requests"]?["memory"]),
            Quantity(memory?["limits"]?["memory"]));
    }

    /// <summary>
    /// The build stage's <c>$TARGETARCH</c> (docker buildx's name of the target architecture) as this machine's, since
    /// the benchmark runs what it publishes here (docs/decisions/0071-multi-arch-image-and-release.md).
    /// </summary>
    private static string[] ForThisMachine(string[] arguments)
    {
        var architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => throw new PlatformNotSupportedException($"The image is built for amd64 and arm64, not {other}"),
        };
        return [.. arguments.Select(a => a.Replace("${TARGETARCH}", architecture, StringComparison.Ordinal).Replace("$TARGETARCH", architecture, StringComparison.Ordinal))];
    }

    /// <summary>For the JSON line: the environment and the limit the operator ran with.</summary>
    public JsonObject ToJson() => new()
    {
        ["publish"] = "dotnet " + string.Join(' ', PublishArguments),
        ["env"] = new JsonObject(Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["memory_request_mb"] = MemoryRequestBytes is { } r ? r / (1024 * 1024) : null,
        ["memory_limit_mb"] = MemoryLimitBytes is { } l ? l / (1024 * 1024) : null,
    };

    /// <summary>A Kubernetes memory quantity ("256Mi", "1G", "134217728") in bytes.</summary>
    public static long? Quantity(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var match = QuantityPattern().Match(node.ToString());
        if (!match.Success)
        {
            throw new FormatException($"{node} is not a memory quantity");
        }

        var number = decimal.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups["u"].Value switch
        {
            "" => 1m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            var u => throw new FormatException($"memory unit {u} is not supported here"),
        };
        return (long)(number * factor);
    }

    private static (List<string> BuildRuns, Dictionary<string, string> RuntimeEnv) DockerfileStages(string dockerfile)
    {
        var stage = -1;
        var runs = new List<List<string>>();
        var envs = new List<Dictionary<string, string>>();
        foreach (var instruction in Instructions(dockerfile))
        {
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
                runs.Add([]);
                envs.Add(new Dictionary<string, string>(StringComparer.Ordinal));
            }
            else if (keyword == "RUN" && stage >= 0)
            {
                runs[stage].Add(arguments);
            }
            else if (keyword == "ENV" && stage >= 0)
            {
                foreach (var pair in Words(arguments).Where(w => w.Contains('=', StringComparison.Ordinal)))
                {
                    var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    if (name.StartsWith("DOTNET_", StringComparison.Ordinal))
                    {
                        envs[stage][name] = value.Trim('"');
                    }
                }
            }
        }

        if (stage < 0)
        {
            throw new InvalidOperationException("The Dockerfile has no FROM");
        }

        return (runs[0], envs[stage]);
    }

    /// <summary>Instructions with continuation lines joined, comments dropped.</summary>
    private static IEnumerable<string> Instructions(string dockerfile)
    {
        var pending = "";
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || (pending.Length == 0 && string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            yield return (pending + line.Trim()).Trim();
            pending = "";
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Resource(string name)
    {
        using var stream = typeof(ShippedRuntime).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded file {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^(?<n>[0-9]+(\\.[0-9]+)?)(?<u>[A-Za-z]*)$")]
    private static partial Regex QuantityPattern();
}
