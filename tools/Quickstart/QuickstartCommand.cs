using k8s;
using Quickstart.CommandLine;
using Quickstart.Kubectl;
using Quickstart.Layout;
using Quickstart.Operator;
using Quickstart.Progress;
using Quickstart.Sandboxes;
using Quickstart.Steps;

namespace Quickstart;

/// <summary>
/// The "try it" command: both sandboxes, the CRD and the operator's RBAC, the operator itself, the samples, then
/// wait until every sample is Ready and keep running until <paramref name="stopping"/> fires (Ctrl+C / SIGTERM).
/// </summary>
internal static class QuickstartCommand
{
    private const int Steps = 9;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, string workingDirectory, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        var (options, problem) = QuickstartArguments.Parse(args);
        if (options is null)
        {
            await error.WriteLineAsync($"quickstart: {problem}");
            await error.WriteLineAsync(QuickstartArguments.Usage);
            return ExitCodes.Usage;
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(QuickstartArguments.Usage);
            return ExitCodes.Ok;
        }

        var ready = false;
        try
        {
            return await RunAsync(options, workingDirectory, output, () => ready = true, stopping);
        }
        catch (QuickstartFailure failure)
        {
            await error.WriteLineAsync($"quickstart: error: {failure.Message}");
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopped.");
            return ready ? ExitCodes.Ok : ExitCodes.Interrupted;
        }
    }

    private static async Task<int> RunAsync(QuickstartOptions options, string workingDirectory, TextWriter output, Action onReady, CancellationToken stopping)
    {
        var layout = RepositoryLayout.Locate(options.RepositoryRoot, workingDirectory);
        var stateDirectory = Path.GetFullPath(options.StateDirectory ?? Path.Combine(layout.Root, ".sandbox"));
        using var stateLock = StateLock.Acquire(stateDirectory);
        var paths = StatePaths.Create(stateDirectory);
        var progress = new ProgressReporter(output, Steps, TimeProvider.System);
        var kubectlVersion = await KubectlRunner.ClientVersionAsync(layout.Root, stopping);
        progress.Line($"cpaas-operator quickstart: repository {layout.Root}, state in {paths.Root}, {kubectlVersion}");

        progress.Begin($"Starting the Kubernetes API sandbox on 127.0.0.1:{options.KubePort}");
        await using var kube = await SandboxLauncher.StartKubernetesAsync(options.KubePort, paths.Kube, stopping);
        progress.Done($"{kube.Url} (admin kubeconfig {kube.AdminKubeconfigPath})");

        progress.Begin($"Starting the CPaaS API sandbox on 127.0.0.1:{options.CpaasPort}");
        await using var cpaas = await SandboxLauncher.StartCpaasAsync(options.CpaasPort, stopping);
        progress.Done($"{cpaas.BaseUrl}");

        var kubectl = new KubectlRunner(kube.AdminKubeconfigPath, paths.KubectlCache, layout.Root);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.AdminKubeconfigPath));

        await InstallCrds.RunAsync(kubectl, layout, progress, stopping);
        await InstallOperatorRbac.RunAsync(kubectl, layout, progress, stopping);
        await CreateCredentialsSecret.RunAsync(kubectl, layout, paths, cpaas.CustomerAccount, progress, stopping);
        await using var running = await StartOperator.RunAsync(kube, cpaas.BaseUrl, paths, progress, stopping);
        var names = await ApplySamples.RunAsync(kubectl, layout, options.SamplesNamespace, progress, stopping);
        var samples = await WaitForSamplesReady.RunAsync(client, options.SamplesNamespace, names, running, options.ReadyTimeout, progress, stopping);
        onReady();
        await ShowResult.RunAsync(kubectl, client, samples, progress, stopping);

        if (options.ExitWhenReady)
        {
            progress.Line("Every sample is Ready (--exit-when-ready): stopping.");
            return await StopAsync(running, progress);
        }

        progress.Line(ShowNextSteps.Render(
            kube.AdminKubeconfigPath, cpaas.BaseUrl, cpaas.ServerUrl, cpaas.CustomerAccount.ApiId, paths.OperatorLog, running.Launch.ProbeUrl, samples));

        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stopping.Register(() => interrupted.TrySetResult()))
        {
            var first = await Task.WhenAny(interrupted.Task, running.Completion);
            if (first == running.Completion)
            {
                throw new QuickstartFailure($"the operator stopped on its own (exit code {await running.Completion}); see {paths.OperatorLog}");
            }
        }

        progress.Line("Stopping: the operator finishes in-flight work, then the sandboxes stop.");
        return await StopAsync(running, progress);
    }

    private static async Task<int> StopAsync(InProcessOperator running, ProgressReporter progress)
    {
        var exitCode = await running.StopAsync();
        if (exitCode != 0)
        {
            throw new QuickstartFailure($"the operator did not stop cleanly (exit code {exitCode}); see {running.Launch.LogPath}");
        }

        progress.Line("Stopped.");
        return ExitCodes.Ok;
    }
}
