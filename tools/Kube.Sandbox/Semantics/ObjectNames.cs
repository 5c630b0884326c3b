using System.Text.RegularExpressions;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Semantics;

/// <summary>Name rules of kube-apiserver: DNS-1123 subdomains for most kinds, labels for namespaces, path segments for RBAC.</summary>
public static partial class ObjectNames
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Generate(string prefix) =>
        prefix + new string(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]).ToArray());

    /// <summary>Returns the problems with a name, as causes on metadata.name.</summary>
    public static IEnumerable<StatusCause> Validate(string group, string resource, string name)
    {
        string Quoted() => System.Text.Json.JsonSerializer.Serialize(name);
        if (group == "rbac.authorization.k8s.io")
        {
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                yield return new StatusCause("FieldValueInvalid", $"Invalid value: {Quoted()}: may not contain '/' or '%'", "metadata.name");
            }

            yield break;
        }

        if (group.Length == 0 && resource == "namespaces")
        {
            if (name.Length > 63 || !Label().IsMatch(name))
            {
                yield return new StatusCause("FieldValueInvalid", $"Invalid value: {Quoted()}: {LabelMessage}", "metadata.name");
            }

            yield break;
        }

        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: {Quoted()}: {SubdomainMessage}", "metadata.name");
        }
    }
}
