using Cpaas.Operator.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cpaas.Operator.Tests.Hosting;

public class OperatorSettingsTests
{
    private static OperatorOptions Bind(string[] args, Dictionary<string, string> environment)
    {
        var options = new OperatorOptions();
        OperatorSettings.Build(args, name => environment.GetValueOrDefault(name)).Bind(options);
        return options;
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var options = Bind([], []);
        Assert.Equal("https://api.enablex.io/cpaas", options.CpaasBaseUrl);
        Assert.Equal(8, options.Workers);
        Assert.Equal("1m", options.RetryMaxDelay);
        Assert.Equal("1h", options.ResyncInterval);
        Assert.Equal("1m", options.DriftSweepInterval);
        Assert.Equal("2m", options.DriftSweepMargin);
        Assert.Equal(0.5, options.DriftRateShareFraction);
        Assert.True(options.LeaderElect);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Flag_wins_over_environment_variable_which_wins_over_default()
    {
        var options = Bind(["--workers", "8"], new() { ["CPAAS_OPERATOR_WORKERS"] = "2", ["CPAAS_RATE_LIMIT"] = "50" });
        Assert.Equal(8, options.Workers);
        Assert.Equal(50, options.CpaasRateLimit);
    }

    [Fact]
    public void Every_setting_has_a_distinct_flag_and_environment_variable_bound_to_a_property()
    {
        var settings = OperatorSettings.All;
        Assert.Equal(settings.Count, settings.Select(s => s.Flag).Distinct().Count());
        Assert.Equal(settings.Count, settings.Select(s => s.EnvironmentVariable).Distinct().Count());
        foreach (var setting in settings)
        {
            Assert.NotNull(typeof(OperatorOptions).GetProperty(setting.Key));
            Assert.StartsWith("--", setting.Flag, StringComparison.Ordinal);
        }

        var configuration = OperatorSettings.Build([.. settings.SelectMany(s => new[] { s.Flag, "flag-" + s.Key })], _ => null);
        Assert.All(settings, s => Assert.Equal("flag-" + s.Key, configuration[s.Key]));
        var fromEnvironment = OperatorSettings.Build([], name => "env-" + name);
        Assert.All(settings, s => Assert.Equal("env-" + s.EnvironmentVariable, fromEnvironment[s.Key]));
    }

    [Fact]
    public void Validate_names_the_flag_of_each_bad_setting()
    {
        var options = Bind(["--workers", "0", "--resync-interval", "soon", "--cpaas-base-url", "ftp://x", "--log-format", "xml"], []);
        var problems = options.Validate();
        Assert.Contains(problems, p => p.StartsWith("--workers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--resync-interval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--cpaas-base-url", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--log-format", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--drift-sweep-interval", "500ms", "--drift-sweep-interval must be at least 1s")]
    [InlineData("--drift-sweep-interval", "often", "--drift-sweep-interval must be a duration")]
    [InlineData("--drift-sweep-margin", "-1s", "--drift-sweep-margin must be a duration")]
    [InlineData("--drift-rate-share", "0", "--drift-rate-share must be a share above 0 and at most 1")]
    [InlineData("--drift-rate-share", "150%", "--drift-rate-share must be a share above 0 and at most 1")]
    [InlineData("--drift-rate-share", "half", "--drift-rate-share must be a share above 0 and at most 1")]
    public void Drift_settings_out_of_range_are_refused_naming_the_flag(string flag, string value, string problem)
    {
        var problems = Bind([flag, value], []).Validate();

        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("50%", 0.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("100%", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("12.5%", 0.125)]
    public void Drift_rate_share_accepts_a_percentage_or_a_fraction(string value, double share)
    {
        var options = Bind([], new Dictionary<string, string> { ["CPAAS_OPERATOR_DRIFT_RATE_SHARE"] = value });

        Assert.Empty(options.Validate());
        Assert.Equal(share, options.DriftRateShareFraction, 6);
    }

    [Fact]
    public void A_zero_drift_sweep_margin_is_allowed()
    {
        Assert.Empty(Bind(["--drift-sweep-margin", "0"], []).Validate());
    }

    [Fact]
    public void Watch_namespaces_are_split_and_trimmed()
    {
        var options = Bind(["--watch-namespaces", "team-a, team-b,,"], []);
        Assert.Equal(["team-a", "team-b"], options.WatchNamespaceList);
    }
}
