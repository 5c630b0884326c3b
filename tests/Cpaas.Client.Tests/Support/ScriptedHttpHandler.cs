using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Cpaas.Client.Tests.Support;

/// <summary>
/// The primary handler for unit tests: answers each request with the next scripted step (a response, an
/// exception, or "hang until cancelled") and records what arrived, headers and body included.
/// </summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly object _waitersLock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly TimeProvider _time;

    public ScriptedHttpHandler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>What to answer when the script is exhausted (default: a success envelope).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Fallback { get; set; } = _ => Json(HttpStatusCode.OK, """{"result":1}""");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public ScriptedHttpHandler Respond(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null)
    {
        _steps.Enqueue((_, _) =>
        {
            var response = Json(status, json);
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public ScriptedHttpHandler RespondRaw(HttpStatusCode status, string body, string mediaType)
    {
        _steps.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) }));
        return this;
    }

    public ScriptedHttpHandler Throw(Exception exception)
    {
        _steps.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers: the attempt ends only when its timeout (or the caller) cancels it.</summary>
    public ScriptedHttpHandler Hang()
    {
        _steps.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived, or fails after <paramref name="deadline"/>.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? deadline = null)
    {
        TaskCompletionSource done;
        lock (_waitersLock)
        {
            if (_requests.Count >= count)
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        await done.Task.WaitAsync(deadline ?? TimeSpan.FromSeconds(10));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.UserAgent.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            _time.GetTimestamp()));
        lock (_waitersLock)
        {
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        if (_steps.TryDequeue(out var step))
        {
            var response = await step(request, cancellationToken);
            response.RequestMessage = request;
            return response;
        }

        var fallback = Fallback(request);
        fallback.RequestMessage = request;
        return fallback;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string UserAgent,
    string? ContentType,
    string? Body,
    long Timestamp);
