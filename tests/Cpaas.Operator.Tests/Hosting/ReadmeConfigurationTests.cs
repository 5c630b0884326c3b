using Cpaas.Operator.Hosting;
using Cpaas.Operator.Tests.ArgoCd;

namespace Cpaas.Operator.Tests.Hosting;

public class ReadmeConfigurationTests
{
    [Fact]
    public void Configuration_page_documents_every_flag_and_environment_variable_with_its_default()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
        foreach (var setting in OperatorSettings.All)
        {
            Assert.Contains($"| `{setting.Flag}` | `{setting.EnvironmentVariable}` |", readme, StringComparison.Ordinal);
            if (setting.Default is { Length: > 0 } value)
            {
                Assert.Contains($"| `{setting.Flag}` | `{setting.EnvironmentVariable}` | `{value}` |", readme, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Help_lists_every_flag()
    {
        var help = HelpText.Render();
        Assert.All(OperatorSettings.All, s => Assert.Contains(s.Flag, help, StringComparison.Ordinal));
    }
}
