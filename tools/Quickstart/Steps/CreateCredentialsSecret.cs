using System.Text;
using Cpaas.Sandbox.Accounts;
using Quickstart.CommandLine;
using Quickstart.Kubectl;
using Quickstart.Layout;
using Quickstart.Progress;

namespace Quickstart.Steps;

/// <summary>
/// Creates the operator's default credentials Secret from config/samples/credentials-secret.yaml with the CPaaS
/// sandbox's customer account, and puts the same two files where the Deployment would mount them.
/// </summary>
internal static class CreateCredentialsSecret
{
    public const string ApiIdPlaceholder = "REPLACE_WITH_API_ID";
    public const string ApiKeyPlaceholder = "REPLACE_WITH_API_KEY";

    public static async Task RunAsync(KubectlRunner kubectl, RepositoryLayout layout, StatePaths paths, SandboxAccount account, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin($"Creating the credentials Secret from {layout.Relative(layout.CredentialsSecretSample)} (CPaaS sandbox account {account.ApiId})");
        var manifest = Fill(await File.ReadAllTextAsync(layout.CredentialsSecretSample, ct), account);

        // Through stdin: the key never appears in a command line or a file of the repository.
        var applied = await kubectl.RunCheckedAsync(["apply", "-f", "-"], ct, stdin: manifest);
        progress.Detail(applied.StdOut.Trim());

        // In a cluster the kubelet mounts this Secret at /var/run/secrets/cpaas; here the files stand in for the mount.
        WriteMountedFiles(paths.OperatorCredentials, account);
        progress.Done($"cpaas-system/cpaas-operator-credentials; mounted for the operator at {paths.OperatorCredentials}");
    }

    /// <summary>The sample with its placeholders replaced by the account's values.</summary>
    public static string Fill(string sample, SandboxAccount account)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(account);
        if (!sample.Contains(ApiIdPlaceholder, StringComparison.Ordinal) || !sample.Contains(ApiKeyPlaceholder, StringComparison.Ordinal))
        {
            throw new QuickstartFailure($"the credentials Secret sample no longer has the placeholders {ApiIdPlaceholder} and {ApiKeyPlaceholder}");
        }

        return sample.Replace(ApiIdPlaceholder, account.ApiId, StringComparison.Ordinal)
            .Replace(ApiKeyPlaceholder, account.ApiKey, StringComparison.Ordinal);
    }

    private static void WriteMountedFiles(string directory, SandboxAccount account)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        WriteFile(Path.Combine(directory, "api_id"), account.ApiId);
        WriteFile(Path.Combine(directory, "api_key"), account.ApiKey);
    }

    private static void WriteFile(string path, string value)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(Encoding.UTF8.GetBytes(value));
    }
}
