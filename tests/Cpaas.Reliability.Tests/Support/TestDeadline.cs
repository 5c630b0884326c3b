namespace Cpaas.Reliability.Tests.Support;

/// <summary>A whole-test deadline: no reliability test may hang CI.</summary>
public static class TestDeadline
{
    public static CancellationTokenSource Start(TimeSpan limit) => new(limit);
}
