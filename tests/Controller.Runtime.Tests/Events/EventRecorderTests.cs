using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Controller.Runtime.Tests.Support;
using k8s.Models;

namespace Controller.Runtime.Tests.Events;

public sealed class EventRecorderTests
{
    [Fact]
    public async Task A_failing_sink_never_reaches_the_caller_and_the_event_is_counted_as_dropped()
    {
        var sink = new FailingSink();
        var recorder = new EventRecorder(sink, new EventRecorderOptions { ReportingController = "c" });
        using var cts = new CancellationTokenSource();
        var run = recorder.RunAsync(cts.Token);

        recorder.Warning(Objects.Widget("ns", "w"), "Failed", "boom");

        await Eventually.TrueAsync(() => recorder.Dropped == 1, "the event was dropped");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public void A_full_queue_drops_instead_of_blocking()
    {
        var recorder = new EventRecorder(new FailingSink(), new EventRecorderOptions { ReportingController = "c", QueueCapacity = 2 });

        for (var i = 0; i < 5; i++)
        {
            recorder.Normal(Objects.Widget("ns", "w"), "R", $"m{i}");
        }

        Assert.Equal(3, recorder.Dropped);
    }

    [Fact]
    public async Task Long_messages_are_truncated_and_sanitized()
    {
        var sink = new RecordingSink();
        var recorder = new EventRecorder(sink, new EventRecorderOptions
        {
            ReportingController = "c",
            MaxMessageLength = 20,
            Sanitizer = new DelegateMessageSanitizer(m => m.Replace("key=abc", "key=***", StringComparison.Ordinal)),
        });
        using var cts = new CancellationTokenSource();
        var run = recorder.RunAsync(cts.Token);

        recorder.Normal(Objects.Widget("ns", "w"), "R", "key=abc and a lot more text");

        await Eventually.TrueAsync(() => recorder.Sent == 1, "the event was written");
        Assert.Equal("key=*** and a lot...", Assert.Single(sink.Created).Message);
        await cts.CancelAsync();
        await run;
    }

    private sealed class FailingSink : IEventSink
    {
        public Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken) => throw new KubeApiException(System.Net.HttpStatusCode.Forbidden, "Forbidden", "no");

        public Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }

    private sealed class RecordingSink : IEventSink
    {
        public List<Corev1Event> Created { get; } = [];

        public Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken)
        {
            Created.Add(ev);
            return Task.CompletedTask;
        }

        public Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
