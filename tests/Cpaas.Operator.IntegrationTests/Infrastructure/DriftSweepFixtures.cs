using Cpaas.Sandbox;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// A drift sweep every second, full observes only hourly (so every repair in these tests comes from a sweep), a
/// zero sweep margin (an idle sweep is then one page even right after the fleet was created) and a rate limit that
/// lets a fleet of 200 converge quickly.
/// </summary>
public sealed class DriftSweepFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromHours(1);

    protected override IReadOnlyList<string> ExtraArgs =>
        ["--drift-sweep-interval", "1s", "--drift-sweep-margin", "0", "--cpaas-rate-limit", "1000", "--cpaas-burst", "100", "--workers", "8"];

    protected override string LogLevel => "Information";
}

/// <summary>The API refuses order_by=updated_at and lists two projects per page: every sweep reads every page.</summary>
public sealed class RefusedOrderingFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromHours(1);

    protected override IReadOnlyList<string> ExtraArgs => ["--drift-sweep-interval", "1s", "--drift-sweep-margin", "0"];

    protected override void ConfigureCpaas(CpaasSandbox sandbox)
    {
        sandbox.Behaviour.UpdatedAtOrdering = UpdatedAtOrdering.Refused;
        sandbox.Behaviour.DefaultPageLength = 2;
    }
}

/// <summary>
/// Section changes leave updated_at as it was (an API the sweep cannot fully trust); full observes every 12 s, which is
/// also how long a missed-drift fallback lasts (docs/decisions/0042): long enough for several 1 s sweeps to read every
/// page on a loaded machine, short enough to see trust regained.
/// </summary>
public sealed class UnreliableUpdatedAtFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromSeconds(12);

    public override TimeSpan Patience => TimeSpan.FromSeconds(60);

    protected override IReadOnlyList<string> ExtraArgs => ["--drift-sweep-interval", "1s", "--drift-sweep-margin", "0"];

    protected override void ConfigureCpaas(CpaasSandbox sandbox) => sandbox.Behaviour.SectionChangesBumpUpdatedAt = false;
}

/// <summary>
/// docs/decisions/0042: the sweep every second with a margin of several seconds (the default 2 minutes would make
/// the tests wait), full observes only hourly, and three projects per page (as issue 18 measured: 11 projects
/// updated together were 4 list pages per sweep, every sweep).
/// </summary>
public sealed class OwnWriteSweepFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromHours(1);

    protected override IReadOnlyList<string> ExtraArgs => ["--drift-sweep-interval", "1s", "--drift-sweep-margin", "5s"];

    protected override string LogLevel => "Information";

    protected override void ConfigureCpaas(CpaasSandbox sandbox) => sandbox.Behaviour.DefaultPageLength = 3;
}
