namespace Cpaas.Operator.Crds;

/// <summary><c>generate-crds [--output DIR]</c>: writes one YAML file per custom resource (default DIR config/crds).</summary>
public static class GenerateCrdsCommand
{
    public const string Name = "generate-crds";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var directory = Path.Combine("config", "crds");
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--output" or "-o" && i + 1 < args.Count)
            {
                directory = args[++i];
            }
            else
            {
                error.WriteLine($"usage: cpaas-operator {Name} [--output DIR]   (unknown argument '{args[i]}')");
                return 2;
            }
        }

        Directory.CreateDirectory(directory);
        foreach (var entityType in CrdGenerator.EntityTypes)
        {
            var crd = CrdGenerator.Generate(entityType);
            var path = Path.Combine(directory, CrdGenerator.FileName(crd));
            File.WriteAllText(path, CrdGenerator.ToYaml(crd));
            output.WriteLine($"wrote {path}");
        }

        return 0;
    }
}
