using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// A spec field references a Secret key whose value was not resolved. The message names the field's Secret and
/// key, never a value. The reconciler reports it as SecretRefInvalid.
/// </summary>
public sealed class MissingSecretValueException : Exception
{
    public MissingSecretValueException()
    {
    }

    public MissingSecretValueException(string message)
        : base(message)
    {
    }

    public MissingSecretValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingSecretValueException(SecretKeySelector selector)
        : base($"No value resolved for key '{selector?.Key}' of Secret '{selector?.Name}'.")
    {
        Selector = selector;
    }

    public SecretKeySelector? Selector { get; }
}
