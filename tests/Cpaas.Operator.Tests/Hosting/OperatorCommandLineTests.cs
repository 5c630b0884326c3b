using Cpaas.Operator.Hosting;
using Shared.CommandLine;

namespace Cpaas.Operator.Tests.Hosting;

public sealed class OperatorCommandLineTests
{
    private static string? Check(params string[] args) => OperatorCommandLine.Parse(args, _ => null).Error;

    [Theory]
    [InlineData("--resync-intervall", "1m", "error: unknown flag --resync-intervall (did you mean --resync-interval?)")]
    [InlineData("--resync-intervall=1m", null, "error: unknown flag --resync-intervall (did you mean --resync-interval?)")]
    [InlineData("--worker", "4", "error: unknown flag --worker (did you mean --workers?)")]
    [InlineData("--Workers", "4", "error: unknown flag --Workers (did you mean --workers?)")]
    [InlineData("-workers", "4", "error: unknown flag -workers (did you mean --workers?)")]
    [InlineData("--leader-elect-namespace", "x", "error: unknown flag --leader-elect-namespace (did you mean --leader-election-namespace?)")]
    [InlineData("--metrics-addr", ":8080", "error: unknown flag --metrics-addr (see --help for the flags)")]
    [InlineData("--frobnicate", "x", "error: unknown flag --frobnicate (see --help for the flags)")]
    public void An_unknown_flag_is_named_with_the_closest_known_one_when_it_is_a_near_miss(string first, string? second, string expected)
    {
        string[] args = second is null ? [first] : [first, second];
        Assert.Equal(expected, Check(args));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("-")]
    [InlineData("--")]
    public void A_stray_argument_is_refused_by_name(string stray)
    {
        Assert.Equal($"error: unexpected argument '{stray}' (flags are written --flag value or --flag=value; see --help)", Check("--workers", "4", stray));
    }

    [Fact]
    public void A_value_after_a_flag_given_with_equals_is_a_stray_argument()
    {
        Assert.StartsWith("error: unexpected argument '4'", Check("--workers=2", "4"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_without_its_value_is_refused()
    {
        Assert.Equal("error: flag needs an argument: --workers", Check("--log-level", "Debug", "--workers"));
    }

    [Fact]
    public void Every_known_flag_is_accepted_in_both_spellings()
    {
        Assert.Null(Check([.. OperatorSettings.Flags.SelectMany(f => new[] { f, "value" })]));
        Assert.Null(Check([.. OperatorSettings.Flags.Select(f => f + "=value")]));
        Assert.Null(Check());
    }

    [Fact]
    public void The_deployment_args_pass_the_check()
    {
        Assert.Null(Check("--cpaas-base-url=https://api.enablex.io/cpaas", "--credentials-dir=/var/run/secrets/cpaas", "--leader-elect=true", "--metrics-bind-address=:8080",
            "--health-probe-bind-address=:8081", "--log-format=json", "--workers=8", "--resync-interval=10m"));
    }

    [Theory]
    [InlineData("@args.txt")]
    [InlineData("[suggest]")]
    public void Response_files_and_directives_are_stray_arguments(string stray)
    {
        Assert.StartsWith($"error: unexpected argument '{stray}'", Check(stray), StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_no_flag_of_the_operator()
    {
        Assert.Equal("error: unknown flag --version (see --help for the flags)", Check("--version"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_wins_over_any_problem(string help)
    {
        var commandLine = OperatorCommandLine.Parse(["--frobnicate", help], _ => null);

        Assert.True(commandLine.HelpRequested);
        Assert.Null(commandLine.Error);
    }

    [Fact]
    public void The_last_of_a_repeated_flag_wins_over_the_environment()
    {
        var commandLine = OperatorCommandLine.Parse(["--workers", "2", "--workers=3"], name => name == "CPAAS_OPERATOR_WORKERS" ? "4" : null);

        Assert.Null(commandLine.Error);
        Assert.Equal("3", commandLine.Values[nameof(OperatorOptions.Workers)]);
    }

    [Theory]
    [InlineData("--watch-namespaces=")]
    [InlineData("--watch-namespaces", "")]
    public void An_empty_value_is_a_value(params string[] args)
    {
        var commandLine = OperatorCommandLine.Parse(args, name => name == "WATCH_NAMESPACES" ? "team-a" : null);

        Assert.Null(commandLine.Error);
        Assert.Equal("", commandLine.Values[nameof(OperatorOptions.WatchNamespaces)]);
    }

    [Fact]
    public void A_value_that_looks_like_a_flag_is_taken_as_the_value()
    {
        var commandLine = OperatorCommandLine.Parse(["--drift-sweep-margin", "-1s"], _ => null);

        Assert.Null(commandLine.Error);
        Assert.Equal("-1s", commandLine.Values[nameof(OperatorOptions.DriftSweepMargin)]);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("resync-intervall", "resync-interval", 1)]
    public void Edit_distance_counts_single_character_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }
}
