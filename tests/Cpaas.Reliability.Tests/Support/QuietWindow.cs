using Cpaas.Sandbox;
using Cpaas.Sandbox.Journal;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>
/// Watches the CPaaS sandbox's journal for a few seconds: a request that should not come ends the wait at once. A
/// busy machine can only make the window miss a request (never report one that did not happen).
/// </summary>
public static class QuietWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(5);

    /// <summary>True when, within the window, more requests than <paramref name="allowed"/> in all match <paramref name="counted"/>.</summary>
    public static async Task<bool> SeesMoreThanAsync(CpaasSandbox cpaas, Func<JournalEntry, bool> counted, int allowed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cpaas);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(Length);
        try
        {
            await cpaas.Journal.WaitForAsync(entries => entries.Count(counted) > allowed, window.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
