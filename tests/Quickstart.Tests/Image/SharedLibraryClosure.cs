namespace Quickstart.Tests.Image;

/// <summary>
/// The shared libraries an executable needs, as the dynamic loader would find them: its DT_NEEDED entries, those of
/// the libraries it opens with dlopen, and theirs, recursively, each resolved to a file of this machine in the
/// architecture's library directories.
/// </summary>
internal sealed class SharedLibraryClosure
{
    private SharedLibraryClosure(ElfFile executable, IReadOnlyDictionary<string, string> libraries, IReadOnlyList<string> missing)
    {
        Executable = executable;
        Libraries = libraries;
        Missing = missing;
    }

    public ElfFile Executable { get; }

    /// <summary>Library name (as NEEDED or dlopen names it) to the file on this machine.</summary>
    public IReadOnlyDictionary<string, string> Libraries { get; }

    /// <summary>Libraries needed that this machine does not have for the architecture.</summary>
    public IReadOnlyList<string> Missing { get; }

    public static SharedLibraryClosure Resolve(string executablePath, IEnumerable<string> opened, TargetArchitecture architecture)
    {
        var executable = ElfFile.Read(executablePath);
        if (executable.Machine != architecture.Machine)
        {
            throw new InvalidOperationException($"{executablePath} is built for {executable.Machine}, not {architecture.DockerName}");
        }

        var libraries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var pending = new Queue<string>(executable.Needed.Concat(opened));
        while (pending.TryDequeue(out var name))
        {
            if (libraries.ContainsKey(name) || missing.Contains(name))
            {
                continue;
            }

            var file = architecture.LibraryDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
            if (file is null)
            {
                missing.Add(name);
                continue;
            }

            libraries[name] = file;
            var library = ElfFile.Read(file);
            if (library.Machine != architecture.Machine)
            {
                throw new InvalidOperationException($"{file} is built for {library.Machine}, not {architecture.DockerName}");
            }

            foreach (var needed in library.Needed)
            {
                pending.Enqueue(needed);
            }
        }

        return new SharedLibraryClosure(executable, libraries, missing);
    }
}
