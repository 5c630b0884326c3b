namespace Cpaas.Operator.Hosting;

/// <summary>One operator setting: its configuration key, command-line flag, environment variable and default.</summary>
public sealed record SettingDefinition(string Key, string Flag, string EnvironmentVariable, string? Default, string Description);
