namespace Cpaas.Client;

/// <summary>
/// The priority of the CPaaS calls made in the current asynchronous flow. Calls are high priority unless made inside
/// a <see cref="Low"/> scope: <c>using (CpaasRequestPriority.Low()) { await client.GetProjectAsync(...); }</c>.
/// The priority is captured when a call starts and applies to all its attempts (retries included).
/// </summary>
public static class CpaasRequestPriority
{
    private static readonly AsyncLocal<CpaasPriority?> Ambient = new();

    /// <summary>The priority a call started here gets.</summary>
    public static CpaasPriority Current => Ambient.Value ?? CpaasPriority.High;

    /// <summary>Calls made until the scope is disposed are low priority.</summary>
    public static IDisposable Low() => new Scope(CpaasPriority.Low);

    /// <summary>Calls made until the scope is disposed are high priority (for example a repair inside a low scope).</summary>
    public static IDisposable High() => new Scope(CpaasPriority.High);

    private sealed class Scope : IDisposable
    {
        private readonly CpaasPriority? _previous;
        private bool _disposed;

        public Scope(CpaasPriority priority)
        {
            _previous = Ambient.Value;
            Ambient.Value = priority;
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = _previous;
            }
        }
    }
}
