using Quickstart.CommandLine;

namespace Quickstart.Layout;

/// <summary>
/// One quickstart per state directory: a second one would overwrite the first one's kubeconfigs and credentials
/// files while it runs. The lock is the OS's (an exclusive open), so a crashed run never leaves it behind.
/// </summary>
internal sealed class StateLock : IDisposable
{
    private readonly FileStream _file;

    private StateLock(FileStream file) => _file = file;

    public static StateLock Acquire(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, "quickstart.lock");
        try
        {
            return new StateLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new QuickstartFailure(
                $"another quickstart is running with the state directory {stateDirectory}. Stop it first (Ctrl+C in its terminal), " +
                "or run this one with its own --state-dir and ports (--kube-port 0 --cpaas-port 0).");
        }
    }

    public void Dispose() => _file.Dispose();
}
