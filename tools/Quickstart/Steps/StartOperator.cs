using Kube.Sandbox;
using Quickstart.CommandLine;
using Quickstart.Layout;
using Quickstart.Operator;
using Quickstart.Progress;

namespace Quickstart.Steps;

/// <summary>Runs the operator in-process under its service account and waits until /readyz answers 200.</summary>
internal static class StartOperator
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<InProcessOperator> RunAsync(KubeApiSandbox kube, Uri cpaasBaseUrl, StatePaths paths, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin("Starting the operator (in this process, as system:serviceaccount:cpaas-system:cpaas-operator)");
        var kubeconfig = kube.WriteKubeconfig(paths.OperatorKubeconfig, OperatorLaunch.ServiceAccountUser, OperatorLaunch.ServiceAccountGroups);
        var launch = new OperatorLaunch(kubeconfig, cpaasBaseUrl, paths.OperatorCredentials, InProcessOperator.FreePort(), paths.OperatorLog);
        var running = InProcessOperator.Start(launch);
        try
        {
            await WaitUntilReadyAsync(running, ct);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        progress.Detail($"logs: {paths.OperatorLog}");
        progress.Done($"ready ({launch.ProbeUrl}readyz answered 200; metrics at {launch.ProbeUrl}metrics)");
        return running;
    }

    private static async Task WaitUntilReadyAsync(InProcessOperator running, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var readyz = new Uri(running.Launch.ProbeUrl, "readyz");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ReadyTimeout);
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            do
            {
                if (running.Completion.IsCompleted)
                {
                    throw new QuickstartFailure(
                        $"the operator stopped during start-up (exit code {await running.Completion}); see {running.Launch.LogPath}");
                }

                try
                {
                    using var response = await http.GetAsync(readyz, deadline.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new QuickstartFailure($"the operator was not ready within {ReadyTimeout.TotalSeconds:0} s ({readyz} never answered 200); see {running.Launch.LogPath}");
        }
    }
}
