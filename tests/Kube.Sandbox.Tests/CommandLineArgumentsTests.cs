using Kube.Sandbox.CommandLine;

namespace Kube.Sandbox.Tests;

public sealed class CommandLineArgumentsTests
{
    [Fact]
    public void No_arguments_mean_port_6443_and_the_default_state_directory()
    {
        var (arguments, help, problem) = KubeSandboxArguments.Parse([]);

        Assert.Null(problem);
        Assert.False(help);
        Assert.Equal(6443, arguments!.Port);
        Assert.Equal(Path.Combine(".sandbox", "kube"), arguments.StateDirectory);
        Assert.Empty(arguments.Users);
        Assert.False(arguments.Verbose);
    }

    [Fact]
    public void Flags_take_a_value_after_a_space_or_an_equals_sign_and_user_repeats()
    {
        var (arguments, _, problem) = KubeSandboxArguments.Parse(["--port=0", "--state-dir", "/tmp/s", "--user", "alice=dev,qa", "--user=bob", "--verbose"]);

        Assert.Null(problem);
        Assert.Equal(0, arguments!.Port);
        Assert.Equal("/tmp/s", arguments.StateDirectory);
        Assert.Equal(["alice=dev,qa", "bob"], arguments.Users);
        Assert.True(arguments.Verbose);
    }

    [Theory]
    [InlineData(new[] { "--prot", "0" }, "kube-sandbox: unknown flag --prot (did you mean --port?)")]
    [InlineData(new[] { "--port", "70000" }, "kube-sandbox: --port takes a number from 0 to 65535")]
    [InlineData(new[] { "--port" }, "kube-sandbox: --port needs a value")]
    [InlineData(new[] { "--verbose", "now" }, "kube-sandbox: unexpected argument 'now'")]
    [InlineData(new[] { "--frobnicate" }, "kube-sandbox: unknown flag --frobnicate")]
    public void A_bad_argument_is_one_line(string[] args, string expected)
    {
        var (arguments, help, problem) = KubeSandboxArguments.Parse(args);

        Assert.Null(arguments);
        Assert.False(help);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Help_lists_every_flag()
    {
        Assert.True(KubeSandboxArguments.Parse(["-h"]).Help);
        foreach (var flag in new[] { "--port", "--state-dir", "--user", "--verbose", "--help" })
        {
            Assert.Contains(flag, KubeSandboxArguments.Usage, StringComparison.Ordinal);
        }
    }
}
