namespace Quickstart.Tests.Support;

/// <summary>
/// Tests that run heavy child processes (a Release publish, whole quickstarts) take turns, so on a two-core machine
/// none of them is starved into its deadline; the journeys run alongside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SeparateProcesses
{
    public const string Name = "separate processes";
}
