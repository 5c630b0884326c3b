using System.Diagnostics;

namespace Controller.Runtime.Tests.Support;

/// <summary>Waits for a condition with a deadline (never a fixed sleep).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var ok = await Task.Run(() => SpinWait.SpinUntil(condition, timeout ?? DefaultTimeout));
        Assert.True(ok, $"Timed out waiting until {because}");
    }

    /// <summary>Async condition (e.g. an HTTP probe): retried until true or the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (deadline.Elapsed < limit)
        {
            if (await condition())
            {
                return;
            }

            await Task.Yield();
            Thread.SpinWait(1000);
        }

        Assert.Fail($"Timed out waiting until {because}");
    }
}
