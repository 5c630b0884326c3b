namespace Cpaas.Operator.TestSupport;

/// <summary>
/// Finds files of the repository (manifests, samples, test data) from the test's output folder. One copy, compiled
/// into Cpaas.Operator.Tests and (as a linked file) Cpaas.Operator.IntegrationTests.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "operator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No operator.sln above {AppContext.BaseDirectory}.");
    }
}
