using Controller.Runtime.Events;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Integration;

public sealed class EventRecorderIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Repeated_events_are_aggregated_into_one_Event_with_a_count_and_messages_are_sanitized()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var widget = Objects.Widget(ns, "w");
        var recorder = new EventRecorder(
            new KubernetesEventSink(fixture.Client),
            new EventRecorderOptions
            {
                ReportingController = "example.com/widget-controller",
                ReportingInstance = "pod-1",
                Sanitizer = new DelegateMessageSanitizer(m => m.Replace("s3cr3t", "[redacted]", StringComparison.Ordinal)),
            });
        using var cts = new CancellationTokenSource();
        var run = recorder.RunAsync(cts.Token);

        recorder.Warning(widget, "ApiUnavailable", "CPaaS API unavailable (key s3cr3t)", "Observe");
        recorder.Warning(widget, "ApiUnavailable", "CPaaS API unavailable (key s3cr3t)", "Observe");
        recorder.Warning(widget, "ApiUnavailable", "CPaaS API unavailable (key s3cr3t)", "Observe");
        recorder.Normal(widget, "Created", "project created", "Create");
        await Eventually.TrueAsync(() => recorder.Sent == 4, "all events were written");

        var events = (await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Equal(2, events.Count);
        var warning = Assert.Single(events, e => e.Reason == "ApiUnavailable");
        Assert.Equal(3, warning.Count);
        Assert.Equal("Warning", warning.Type);
        Assert.Equal("CPaaS API unavailable (key [redacted])", warning.Message);
        Assert.Equal("Widget", warning.InvolvedObject.Kind);
        Assert.Equal("w", warning.InvolvedObject.Name);
        Assert.Equal("example.com/widget-controller", warning.ReportingComponent);
        Assert.Equal("pod-1", warning.ReportingInstance);
        Assert.Equal("Observe", warning.Action);
        Assert.DoesNotContain(events, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal));
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task An_aggregated_Event_deleted_on_the_server_is_recreated()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var widget = Objects.Widget(ns, "w");
        var recorder = new EventRecorder(new KubernetesEventSink(fixture.Client), new EventRecorderOptions { ReportingController = "test" });
        using var cts = new CancellationTokenSource();
        var run = recorder.RunAsync(cts.Token);
        recorder.Normal(widget, "Synced", "in sync");
        await Eventually.TrueAsync(() => recorder.Sent == 1, "the first event was written");
        var first = Assert.Single((await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items);
        await fixture.Client.CoreV1.DeleteNamespacedEventAsync(first.Metadata.Name, ns);

        recorder.Normal(widget, "Synced", "in sync");

        await Eventually.TrueAsync(() => recorder.Sent == 2, "the repeat was written");
        var recreated = Assert.Single((await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items);
        Assert.Equal(1, recreated.Count);
        await cts.CancelAsync();
        await run;
    }
}
