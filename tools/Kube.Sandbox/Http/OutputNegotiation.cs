using System.Globalization;

namespace Kube.Sandbox.Http;

/// <summary>The shape a read answers with: the object itself, or one of the meta.k8s.io transforms.</summary>
public enum OutputForm
{
    Object,
    Table,
    PartialObjectMetadata,
    PartialObjectMetadataList,
}

/// <summary>The outcome of Accept negotiation: the form, and for transforms the meta.k8s.io version (v1 or v1beta1).</summary>
public sealed record NegotiatedOutput(OutputForm Form, string MetaVersion = "v1")
{
    public static NegotiatedOutput Object { get; } = new(OutputForm.Object);

    public string MetaApiVersion => $"meta.k8s.io/{MetaVersion}";
}

/// <summary>
/// Accept-header negotiation of resource reads as kube-apiserver does it: clauses are tried by quality (then in
/// order); a clause is taken when its media type is one the endpoint serves and its <c>as</c>/<c>g</c>/<c>v</c>
/// parameters name a transform it offers (Table for JSON/YAML only, PartialObjectMetadata and
/// PartialObjectMetadataList for any, all in meta.k8s.io v1 or v1beta1). When no clause can be served the answer is
/// 406 NotAcceptable, so <c>...;as=Unknown;g=meta.k8s.io;v=v1,application/json</c> falls back to the plain object
/// while <c>...;as=Unknown;g=meta.k8s.io;v=v1</c> alone is refused. (The sandbox always writes JSON bodies; YAML and
/// protobuf clauses are accepted as the real server accepts them, and answered in JSON.)
/// </summary>
public static class OutputNegotiation
{
    private const string MetaGroup = "meta.k8s.io";

    private static readonly string[] ServedMediaTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

    public static NegotiatedOutput Negotiate(string? accept, bool isCustomResource)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return NegotiatedOutput.Object;
        }

        foreach (var clause in Parse(accept))
        {
            if (Acceptable(clause, isCustomResource) is { } output)
            {
                return output;
            }
        }

        throw new ApiException(406, "NotAcceptable", $"only the following media types are accepted: {string.Join(", ", ServedMediaTypes)}");
    }

    private static NegotiatedOutput? Acceptable(AcceptClause clause, bool isCustomResource)
    {
        // The concrete media type this clause would be answered with (wildcards take the first served one).
        var mediaType = (clause.Type, clause.SubType) switch
        {
            ("*", "*") or ("application", "*") => "application/json",
            var (t, s) => $"{t}/{s}",
        };
        if (!ServedMediaTypes.Contains(mediaType, StringComparer.Ordinal))
        {
            return null;
        }

        if (clause.Parameters.TryGetValue("stream", out var stream) && stream.Length > 0 && stream != "watch")
        {
            return null;
        }

        clause.Parameters.TryGetValue("as", out var kind);
        clause.Parameters.TryGetValue("g", out var group);
        clause.Parameters.TryGetValue("v", out var version);
        if (string.IsNullOrEmpty(kind) && string.IsNullOrEmpty(group) && string.IsNullOrEmpty(version))
        {
            // No transform: custom resources are served in JSON and YAML only (no protobuf).
            return isCustomResource && mediaType == "application/vnd.kubernetes.protobuf" ? null : NegotiatedOutput.Object;
        }

        if (group != MetaGroup || version is not ("v1" or "v1beta1"))
        {
            return null;
        }

        return kind switch
        {
            "Table" when mediaType is "application/json" or "application/yaml" => new NegotiatedOutput(OutputForm.Table, version),
            "PartialObjectMetadata" => new NegotiatedOutput(OutputForm.PartialObjectMetadata, version),
            "PartialObjectMetadataList" => new NegotiatedOutput(OutputForm.PartialObjectMetadataList, version),
            _ => null,
        };
    }

    private static IEnumerable<AcceptClause> Parse(string accept)
    {
        var clauses = new List<AcceptClause>();
        foreach (var raw in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(';', StringSplitOptions.TrimEntries);
            var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == parts[0].Length - 1)
            {
                continue;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var name = parameter[..eq].Trim();
                var value = parameter[(eq + 1)..].Trim().Trim('"');
                if (name == "q")
                {
                    quality = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 1.0;
                }
                else
                {
                    parameters[name] = value;
                }
            }

            if (quality > 0)
            {
                clauses.Add(new AcceptClause(parts[0][..slash].ToLowerInvariant(), parts[0][(slash + 1)..].ToLowerInvariant(), parameters, quality, clauses.Count));
            }
        }

        // Highest quality first; among equals, the more specific media range, then the order written.
        return clauses
            .OrderByDescending(c => c.Quality)
            .ThenBy(c => c.Type == "*" ? 2 : c.SubType == "*" ? 1 : 0)
            .ThenBy(c => c.Position);
    }

    private sealed record AcceptClause(string Type, string SubType, Dictionary<string, string> Parameters, double Quality, int Position);
}
