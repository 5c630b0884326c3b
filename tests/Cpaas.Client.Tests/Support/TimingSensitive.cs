namespace Cpaas.Client.Tests.Support;

/// <summary>
/// Tests that measure request spacing run alone, after the parallel ones: on two busy cores the thread pool can hold
/// back requests the limiter released at different times and deliver them together.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
