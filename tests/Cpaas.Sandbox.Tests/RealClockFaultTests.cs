using System.Diagnostics;
using System.Net;
using Cpaas.Sandbox.Faults;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

/// <summary>Faults measured against the real clock (kept short).</summary>
public sealed class RealClockFaultTests : SandboxTest
{
    internal override CpaasSandboxOptions Options => new() { RandomSeed = 7 };

    [Fact]
    public async Task Latency_delays_every_response_by_at_least_the_setting()
    {
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
        Sandbox.Faults.Latency = TimeSpan.FromMilliseconds(200);

        var watch = Stopwatch.StartNew();
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"took {watch.Elapsed}");
        Assert.Equal(FaultNames.Latency, Sandbox.Journal.Entries()[^1].Fault);
    }

    [Fact]
    public async Task Timeout_that_outlasts_the_hang_answers_504()
    {
        Sandbox.Faults.TimeoutHang = TimeSpan.FromMilliseconds(100);
        Sandbox.Faults.TimeoutRate = 1;

        (await Client.GetAsync("projects", Admin, Deadline)).AssertError(504, HttpStatusCode.GatewayTimeout);
    }
}
