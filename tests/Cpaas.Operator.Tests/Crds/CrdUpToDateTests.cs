using Cpaas.Operator.Crds;
using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Crds;

public sealed class CrdUpToDateTests
{
    [Fact]
    public void Checked_in_CRD_equals_the_one_generated_from_the_types()
    {
        foreach (var entityType in CrdGenerator.EntityTypes)
        {
            var crd = CrdGenerator.Generate(entityType);
            var path = RepositoryPaths.Combine("config", "crds", CrdGenerator.FileName(crd));
            var expected = CrdGenerator.ToYaml(crd);

            Assert.True(File.Exists(path), $"{path} is missing. Run from the repository root: {CrdGenerator.Command}");
            var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
            Assert.True(
                expected == actual,
                $"{path} differs from the CRD generated from the C# types. Run from the repository root: {CrdGenerator.Command}");
        }
    }

    [Fact]
    public void Crds_kustomization_lists_every_generated_file()
    {
        var kustomization = File.ReadAllText(RepositoryPaths.Combine("config", "crds", "kustomization.yaml"));
        foreach (var entityType in CrdGenerator.EntityTypes)
        {
            Assert.Contains(CrdGenerator.FileName(CrdGenerator.Generate(entityType)), kustomization, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_crds_command_writes_the_yaml_into_the_output_folder()
    {
        var directory = Directory.CreateTempSubdirectory("crds-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = GenerateCrdsCommand.Run(["--output", directory], output, error);

            Assert.Equal(0, exitCode);
            var crd = CrdGenerator.Generate(CrdGenerator.EntityTypes[0]);
            Assert.Equal(CrdGenerator.ToYaml(crd), File.ReadAllText(Path.Combine(directory, CrdGenerator.FileName(crd))));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Generate_crds_command_rejects_unknown_arguments()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = GenerateCrdsCommand.Run(["--bogus"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }
}
