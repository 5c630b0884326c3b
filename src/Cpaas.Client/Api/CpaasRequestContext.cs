namespace Cpaas.Client.Api;

/// <summary>
/// What the HTTP pipeline needs to know about one call, carried in <see cref="HttpRequestMessage.Options"/>
/// (a Refit <c>[Property]</c> parameter): the account (for the address, Basic auth and the rate limit), the
/// operation (for the retry decision, logs and metrics), the app id (for logs) and the priority (for the rate
/// limit: <see cref="CpaasRequestPriority.Current"/> when the context is made). The handlers also record
/// here what happened on the wire, so the caller can tell whether a failed add may have reached the server.
/// </summary>
public sealed class CpaasRequestContext
{
    /// <summary>The <see cref="HttpRequestMessage.Options"/> key.</summary>
    public const string OptionKey = "cpaas.request";

    internal static readonly HttpRequestOptionsKey<CpaasRequestContext> Key = new(OptionKey);

    private int _attempts;
    private int _sent;

    public CpaasRequestContext(CpaasAccount account, CpaasOperation operation, string? appId = null, CpaasPriority? priority = null)
    {
        Account = account ?? throw new ArgumentNullException(nameof(account));
        Operation = operation;
        AppId = appId;
        Priority = priority ?? CpaasRequestPriority.Current;
    }

    public CpaasAccount Account { get; }

    public CpaasOperation Operation { get; }

    public string? AppId { get; }

    /// <summary>Which of the account's waiting calls the rate limiter serves first.</summary>
    public CpaasPriority Priority { get; }

    /// <summary>How many attempts reached the transport (after the rate limiter).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>True once an attempt was handed to the transport: from then on the server may have acted on it.</summary>
    public bool Sent => Volatile.Read(ref _sent) != 0;

    internal int BeginAttempt()
    {
        Volatile.Write(ref _sent, 1);
        return Interlocked.Increment(ref _attempts);
    }

    /// <summary>Reads the context of a request built by <see cref="ICpaasProjectsApi"/>.</summary>
    public static CpaasRequestContext From(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var context)
            ? context
            : throw new InvalidOperationException($"The request carries no {nameof(CpaasRequestContext)}: send it through {nameof(ICpaasProjectsApi)}.");
    }

    internal static CpaasRequestContext? TryFrom(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var context) ? context : null;
}
