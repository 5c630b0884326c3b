namespace Quickstart.Tests.Image;

/// <summary>
/// Rebuilds, in a directory, what the build stage of the Dockerfile sees: the COPY instructions applied to the
/// repository with .dockerignore's exclusions, relative to the stage's WORKDIR. Only the forms our Dockerfile uses
/// (files and directories, "./" and "dir/" destinations, "**/name/" and "**/*.ext" ignore patterns).
/// </summary>
internal sealed class DockerBuildContext
{
    private readonly string _repository;
    private readonly HashSet<string> _ignoredDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignoredExtensions = new(StringComparer.Ordinal);

    public DockerBuildContext(string repository, string dockerignore)
    {
        _repository = repository;
        foreach (var line in dockerignore.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("**/*.", StringComparison.Ordinal))
            {
                _ignoredExtensions.Add(line[4..]);
            }
            else
            {
                _ignoredDirectories.Add(line.TrimStart('*', '/').TrimEnd('/'));
            }
        }
    }

    /// <summary>Applies one COPY's arguments ("a b dest/") into <paramref name="workdir"/>.</summary>
    public void Copy(string arguments, string workdir)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        var destination = Path.GetFullPath(Path.Combine(workdir, parts[^1]));
        foreach (var source in parts[..^1])
        {
            var from = Path.Combine(_repository, source.TrimEnd('/'));
            if (Directory.Exists(from))
            {
                // Docker copies a directory's contents, not the directory itself.
                CopyDirectory(from, destination);
            }
            else
            {
                var target = parts[^1].EndsWith('/') ? Path.Combine(destination, Path.GetFileName(from)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(from, target, overwrite: true);
            }
        }
    }

    private void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (!_ignoredExtensions.Any(e => file.EndsWith(e, StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (!_ignoredDirectories.Contains(Path.GetFileName(directory)))
            {
                CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }
}
