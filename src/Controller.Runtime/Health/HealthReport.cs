namespace Controller.Runtime.Health;

/// <summary>The answer of a probe: healthy or the list of what is wrong (plain words, no secrets).</summary>
public sealed record HealthReport(bool Healthy, IReadOnlyList<string> Problems)
{
    public static HealthReport Ok { get; } = new(true, []);

    public static HealthReport From(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0 ? Ok : new HealthReport(false, problems);
    }
}
