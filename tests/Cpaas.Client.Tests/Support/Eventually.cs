namespace Cpaas.Client.Tests.Support;

internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="deadline"/> (default 10 s).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var met = await Task.Run(() => SpinWait.SpinUntil(condition, deadline ?? TimeSpan.FromSeconds(10)));
        Assert.True(met, $"timed out waiting until {what}");
    }
}
