using Kube.Sandbox.Http;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Faults;

/// <summary>
/// Fault injection for tests: end open watches, expire resourceVersions (410 Gone), answer chosen
/// verbs/resources with an error status a number of times, and add latency to every request.
/// </summary>
public sealed class SandboxFaults
{
    private readonly ObjectStore _store;
    private readonly Lock _gate = new();
    private readonly List<InjectedFault> _injected = [];

    internal SandboxFaults(ObjectStore store) => _store = store;

    /// <summary>Added before every API request is handled (watches included). Zero by default.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Ends every open watch stream at once; clients see the connection close. Returns how many were open.</summary>
    public int DropWatches() => _store.DropWatches();

    /// <summary>Compacts history: the next watch (or list continuation) from any earlier resourceVersion gets 410 Gone.</summary>
    public void ExpireResourceVersions() => _store.CompactAll();

    /// <summary>
    /// Answers the next <paramref name="count"/> requests matching verb and resource with <paramref name="status"/>
    /// (409 Conflict, 500 InternalError, 429 TooManyRequests, 503 ServiceUnavailable, 410 Gone, ...).
    /// Verb and resource accept "*"; resource is the plural name, optionally with "/status".
    /// </summary>
    public void Inject(string verb, string resource, int status, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _injected.Add(new InjectedFault(verb, resource, status, count));
        }
    }

    /// <summary>Removes injected faults and latency.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _injected.Clear();
        }

        Latency = TimeSpan.Zero;
    }

    internal ApiException? TakeInjected(string verb, string resource, string subresource, string name)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        lock (_gate)
        {
            var fault = _injected.FirstOrDefault(f => (f.Verb == "*" || f.Verb == verb) && (f.Resource == "*" || f.Resource == combined));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            if (fault.Remaining <= 0)
            {
                _injected.Remove(fault);
            }

            return fault.Status switch
            {
                409 => ApiException.Conflict(resource, string.Empty, name),
                410 => ApiException.Gone("too old resource version (injected)"),
                429 => new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later") { RetryAfterSeconds = 1 },
                503 => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request") { RetryAfterSeconds = 1 },
                500 => ApiException.Internal("injected fault"),
                var other => new ApiException(other, "InternalError", $"injected fault {other}"),
            };
        }
    }

    private sealed class InjectedFault(string verb, string resource, int status, int count)
    {
        public string Verb { get; } = verb;

        public string Resource { get; } = resource;

        public int Status { get; } = status;

        public int Remaining { get; set; } = count;
    }
}
