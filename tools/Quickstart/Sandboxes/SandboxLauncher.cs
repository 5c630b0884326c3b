using Cpaas.Sandbox;
using Kube.Sandbox;
using Microsoft.AspNetCore.Connections;
using Quickstart.CommandLine;

namespace Quickstart.Sandboxes;

/// <summary>Starts the two sandboxes on 127.0.0.1; a taken port becomes one clear message and exit code 3.</summary>
internal static class SandboxLauncher
{
    public static async Task<KubeApiSandbox> StartKubernetesAsync(int port, string stateDirectory, CancellationToken ct)
    {
        try
        {
            return await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { Port = port, StateDirectory = stateDirectory }, ct);
        }
        catch (IOException error) when (IsAddressInUse(error))
        {
            throw PortInUse("Kubernetes API sandbox", port, "--kube-port");
        }
    }

    public static async Task<CpaasSandbox> StartCpaasAsync(int port, CancellationToken ct)
    {
        try
        {
            return await CpaasSandbox.StartAsync(new CpaasSandboxOptions { Port = port }, ct);
        }
        catch (SandboxPortInUseException)
        {
            throw PortInUse("CPaaS API sandbox", port, "--cpaas-port");
        }
    }

    private static bool IsAddressInUse(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static QuickstartFailure PortInUse(string what, int port, string flag) =>
        new($"port {port} on 127.0.0.1 is already in use, so the {what} cannot listen there. " +
            $"Stop what uses it (is another quickstart running?) or choose another port with {flag} N (0 picks a free one).",
            ExitCodes.PortInUse);
}
