namespace Controller.Runtime;

/// <summary>
/// Thrown by a reconciler when retrying cannot succeed until the object (or something it depends on) changes,
/// for example invalid input. The controller logs it, counts it in
/// <c>controller_runtime_terminal_reconcile_errors_total</c> and forgets the key: no retry loop.
/// The message must not hold secret values (it is logged).
/// </summary>
public class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
