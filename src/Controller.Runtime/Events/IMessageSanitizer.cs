namespace Controller.Runtime.Events;

/// <summary>Rewrites event messages before they leave the process (the operator redacts secret values here).</summary>
public interface IMessageSanitizer
{
    string Sanitize(string message);
}

/// <summary>A sanitizer from a delegate.</summary>
public sealed class DelegateMessageSanitizer(Func<string, string> sanitize) : IMessageSanitizer
{
    public string Sanitize(string message) => sanitize(message);
}
