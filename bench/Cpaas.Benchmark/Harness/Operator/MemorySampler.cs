namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// Samples an operator's resident memory (/proc) and managed heap (its /metrics: dotnet_total_memory_bytes, less
/// often: <see cref="ScrapeEvery"/>) in the background and keeps the peaks. The kernel's own peak (VmHWM) is read at the end as well: it misses nothing.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    public const string ManagedHeapMetric = "dotnet_total_memory_bytes";

    /// <summary>
    /// The background loop reads /metrics on every eighth sample only (every 2 s at 250 ms): a scrape costs the
    /// operator work (the fleet metrics walk the cache), and four a second would keep it from ever being quiet,
    /// where a Prometheus scrapes every 15-60 s. /proc is read on every sample.
    /// </summary>
    public const int ScrapeEvery = 8;

    private readonly OperatorProcess _process;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _peakRss;
    private long _peakHwm;
    private double _peakManagedHeap;
    private double _lastManagedHeap;

    public MemorySampler(OperatorProcess process, TimeSpan interval)
    {
        _process = process;
        _loop = Task.Run(() => RunAsync(interval, _stopping.Token));
    }

    public long PeakResidentBytes => Math.Max(Interlocked.Read(ref _peakRss), Interlocked.Read(ref _peakHwm));

    public double PeakManagedHeapBytes => Volatile.Read(ref _peakManagedHeap);

    public double LastManagedHeapBytes => Volatile.Read(ref _lastManagedHeap);

    /// <summary>Takes one sample now (also updates the peaks).</summary>
    public Task<(long Rss, long Hwm, double ManagedHeap)> SampleAsync(CancellationToken ct) => SampleAsync(scrape: true, ct);

    private async Task<(long Rss, long Hwm, double ManagedHeap)> SampleAsync(bool scrape, CancellationToken ct)
    {
        var memory = _process.Memory();
        if (memory is { } m)
        {
            InterlockedMax(ref _peakRss, m.ResidentBytes);
            InterlockedMax(ref _peakHwm, m.PeakResidentBytes);
        }

        double heap = double.NaN;
        if (!scrape)
        {
            return (memory?.ResidentBytes ?? 0, memory?.PeakResidentBytes ?? 0, heap);
        }

        try
        {
            var samples = await _process.ScrapeAsync(ct);
            heap = samples.Where(s => s.Name == ManagedHeapMetric).Select(s => s.Value).DefaultIfEmpty(double.NaN).First();
            if (!double.IsNaN(heap))
            {
                Volatile.Write(ref _lastManagedHeap, heap);
                if (heap > Volatile.Read(ref _peakManagedHeap))
                {
                    Volatile.Write(ref _peakManagedHeap, heap);
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
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        var samples = 0;
        do
        {
            await SampleAsync(scrape: samples++ % ScrapeEvery == 0, ct);
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
