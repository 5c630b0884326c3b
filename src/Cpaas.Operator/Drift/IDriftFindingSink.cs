namespace Cpaas.Operator.Drift;

/// <summary>Where the sweep reports managed projects that need attention (the operator enqueues them at high priority).</summary>
public interface IDriftFindingSink
{
    /// <summary>Called during a sweep, once per project and sweep at most; must not block (enqueue and return).</summary>
    void Report(DriftFinding finding);
}
