using System.Text;

namespace Cpaas.Operator.Hosting;

/// <summary>The --help text, generated from the settings table.</summary>
public static class HelpText
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("cpaas-operator: manages EnableX CPaaS projects declaratively (kind CpaasProject, cpaas.enablex.io/v1alpha1).");
        text.AppendLine();
        text.AppendLine("Usage: cpaas-operator [flags]");
        text.AppendLine("       cpaas-operator generate-crds [--output DIR]");
        text.AppendLine();
        text.AppendLine("Flags (each takes a value, as --flag value or --flag=value; each also read from an environment variable; a flag wins).");
        text.AppendLine("An unknown flag or a stray argument stops the operator with exit code 2 before it starts.");
        foreach (var setting in OperatorSettings.All)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {setting.Flag} (env {setting.EnvironmentVariable}; default {setting.Default ?? "none"})");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"      {setting.Description}");
        }

        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Default credentials fallback: {OperatorSettings.ApiIdEnvironmentVariable}, {OperatorSettings.ApiKeyEnvironmentVariable}.");
        return text.ToString();
    }
}
