namespace Cpaas.Operator.Drift;

/// <summary>What one account's sweep did.</summary>
/// <param name="Pages">List requests made.</param>
/// <param name="Findings">Managed projects reported.</param>
/// <param name="ReadEverything">Whether it read every page (first sweep, or the account's fallback).</param>
public sealed record SweepOutcome(int Pages, int Findings, bool ReadEverything);
