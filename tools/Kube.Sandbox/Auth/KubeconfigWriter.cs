using System.Text;
using System.Text.Json;

namespace Kube.Sandbox.Auth;

/// <summary>Writes a kubeconfig (YAML) with the CA data, the server URL and a bearer token.</summary>
internal static class KubeconfigWriter
{
    public const string ClusterName = "kube-sandbox";

    public static void Write(string path, Uri server, string caPem, string userName, string token, string @namespace = "default")
    {
        var caData = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var context = ClusterName;
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine($"- name: {Quote(ClusterName)}")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {Quote(server.ToString().TrimEnd('/'))}")
            .AppendLine($"    certificate-authority-data: {caData}")
            .AppendLine("users:")
            .AppendLine($"- name: {Quote(userName)}")
            .AppendLine("  user:")
            .AppendLine($"    token: {Quote(token)}")
            .AppendLine("contexts:")
            .AppendLine($"- name: {Quote(context)}")
            .AppendLine("  context:")
            .AppendLine($"    cluster: {Quote(ClusterName)}")
            .AppendLine($"    user: {Quote(userName)}")
            .AppendLine($"    namespace: {Quote(@namespace)}")
            .AppendLine($"current-context: {Quote(context)}")
            .ToString();

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, yaml);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    // A JSON string is a valid YAML double-quoted scalar: safe for names like system:serviceaccount:ns:sa.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
