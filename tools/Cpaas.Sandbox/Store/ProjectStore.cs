namespace Cpaas.Sandbox.Store;

/// <summary>
/// The in-memory projects. Reads return copies (safe to assert on); <see cref="Mutate"/> edits a project out of band,
/// as someone using the EnableX portal would, for drift tests.
/// </summary>
public sealed class ProjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredProject> _projects = new(StringComparer.Ordinal);
    private long _sequence;
    private DateTimeOffset _lastChange = DateTimeOffset.MinValue;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _projects.Count;
            }
        }
    }

    /// <summary>Every project, in creation order.</summary>
    public IReadOnlyList<StoredProject> All()
    {
        lock (_gate)
        {
            return _projects.Values.OrderBy(p => p.Sequence).Select(p => p.Copy()).ToList();
        }
    }

    public StoredProject? Find(string appId)
    {
        lock (_gate)
        {
            return _projects.TryGetValue(appId, out var project) ? project.Copy() : null;
        }
    }

    /// <summary>Projects whose app_name is exactly <paramref name="appName"/>, in creation order.</summary>
    public IReadOnlyList<StoredProject> FindByName(string appName)
    {
        lock (_gate)
        {
            return _projects.Values.Where(p => p.AppName == appName).OrderBy(p => p.Sequence).Select(p => p.Copy()).ToList();
        }
    }

    /// <summary>
    /// Changes a stored project directly: no journal, no updated_at unless the change sets it (an API whose
    /// updated_at misses this change). For a change as the portal makes it, see <see cref="CpaasSandbox.Portal"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No project has that app_id.</exception>
    public void Mutate(string appId, Action<StoredProject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_projects.TryGetValue(appId, out var project))
            {
                throw new KeyNotFoundException($"No project with app_id {appId}.");
            }

            change(project);
        }
    }

    /// <summary>Runs <paramref name="work"/> with exclusive access to the live projects (one API operation at a time).</summary>
    internal T Transact<T>(Func<ProjectTable, T> work)
    {
        lock (_gate)
        {
            return work(new ProjectTable(this));
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _projects.Clear();
        }
    }

    /// <summary>The live projects, valid only inside <see cref="Transact{T}"/>.</summary>
    internal readonly struct ProjectTable(ProjectStore store)
    {
        public IEnumerable<StoredProject> Values => store._projects.Values;

        public StoredProject? Find(string appId) => store._projects.GetValueOrDefault(appId);

        public bool Contains(string appId) => store._projects.ContainsKey(appId);

        public long NextSequence() => ++store._sequence;

        public void Add(StoredProject project) => store._projects.Add(project.AppId, project);

        /// <summary>
        /// The updated_at of a change made now: the clock's time, or 1 ms after the previous change when the clock has
        /// not passed it, so every change has a distinct, increasing time at the wire's millisecond precision.
        /// </summary>
        public DateTimeOffset NextChangeTime(DateTimeOffset now)
        {
            var next = now > store._lastChange ? now : store._lastChange.AddMilliseconds(1);
            store._lastChange = next;
            return next;
        }
    }
}
