using Controller.Runtime.Hosting;
using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.Composition;

/// <summary>
/// The operator's object graph as <see cref="OperatorComposition"/> built it: the manager to start, and everything
/// the graph owns, disposed in the reverse order of construction.
/// </summary>
public sealed class OperatorGraph : IAsyncDisposable
{
    private readonly Stack<object> _owned;

    internal OperatorGraph(string identity, Manager manager, DefaultCredentialsSource credentials, Stack<object> owned)
    {
        Identity = identity;
        Manager = manager;
        Credentials = credentials;
        _owned = owned;
    }

    /// <summary>This replica's name in the lease, events and the CPaaS User-Agent.</summary>
    public string Identity { get; }

    /// <summary>Runs the informers, the controller and the drift sweep (a leader-only runnable).</summary>
    public Manager Manager { get; }

    /// <summary>The default CPaaS credentials (null <see cref="DefaultCredentialsSource.Current"/>: none yet).</summary>
    public DefaultCredentialsSource Credentials { get; }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsync(_owned);
    }

    /// <summary>Disposes what a graph owns (or what a failed build had built so far), newest first.</summary>
    internal static async ValueTask DisposeAsync(Stack<object> owned)
    {
        while (owned.TryPop(out var resource))
        {
            switch (resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
