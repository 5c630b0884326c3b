namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// Samples an operator's resident memory (/proc) and managed heap (its /metrics: dotnet_total_memory_bytes) in the
/// background and keeps the peaks. The kernel's own peak (VmHWM) is read at the end as well: it misses nothing.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    public const string ManagedHeapMetric = "dotnet_total_memory_bytes";

    private readonly OperatorProcess process;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private long peakRss;
    private long peakHwm;
    private double peakManagedHeap;
    private double lastManagedHeap;

    public MemorySampler(OperatorProcess process, TimeSpan interval)
    {
        this.process = process;
        loop = Task.Run(() => RunAsync(interval, stopping.Token));
    }

    public long PeakResidentBytes => Math.Max(Interlocked.Read(ref peakRss), Interlocked.Read(ref peakHwm));

    public double PeakManagedHeapBytes => Volatile.Read(ref peakManagedHeap);

    public double LastManagedHeapBytes => Volatile.Read(ref lastManagedHeap);

    /// <summary>Takes one sample now (also updates the peaks).</summary>
    public async Task<(long Rss, long Hwm, double ManagedHeap)> SampleAsync(CancellationToken ct)
    {
        var memory = process.Memory();
        if (memory is { } m)
        {
            InterlockedMax(ref peakRss, m.ResidentBytes);
            InterlockedMax(ref peakHwm, m.PeakResidentBytes);
        }

        double heap = double.NaN;
        try
        {
            var samples = await process.ScrapeAsync(ct);
            heap = samples.Where(s => s.Name == ManagedHeapMetric).Select(s => s.Value).DefaultIfEmpty(double.NaN).First();
            if (!double.IsNaN(heap))
            {
                Volatile.Write(ref lastManagedHeap, heap);
                if (heap > Volatile.Read(ref peakManagedHeap))
                {
                    Volatile.Write(ref peakManagedHeap, heap);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // The process is starting or was killed: the /proc sample stands alone.
        }

        return (memory?.ResidentBytes ?? 0, memory?.PeakResidentBytes ?? 0, heap);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            await SampleAsync(ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
