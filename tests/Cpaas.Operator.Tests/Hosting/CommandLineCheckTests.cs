using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.Tests.Hosting;

public sealed class CommandLineCheckTests
{
    private static string? Check(params string[] args) => CommandLineCheck.FindError(args, OperatorSettings.Flags);

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
