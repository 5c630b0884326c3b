namespace Cpaas.Sandbox;

/// <summary>The sandbox could not listen because the port is taken.</summary>
public sealed class SandboxPortInUseException : Exception
{
    public SandboxPortInUseException()
    {
    }

    public SandboxPortInUseException(string message)
        : base(message)
    {
    }

    public SandboxPortInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Port { get; init; }
}
