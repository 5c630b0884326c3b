namespace Cpaas.Sandbox.Api;

/// <summary>Either a parsed value or the error reply that stops the operation.</summary>
internal readonly struct ApiReplyOr<T>
    where T : class
{
    private ApiReplyOr(T? value, ApiError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ApiError? Error { get; }

    public static implicit operator ApiReplyOr<T>(T value) => new(value, null);

    public static implicit operator ApiReplyOr<T>(ApiError error) => new(null, error);
}
