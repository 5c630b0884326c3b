namespace Quickstart.Tests.Support;

/// <summary>The repository the tests run from (config/, Dockerfile, tools/Quickstart).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "operator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"operator.sln not found above {AppContext.BaseDirectory}");
    }
}
