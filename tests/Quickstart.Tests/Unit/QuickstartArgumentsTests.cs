using Quickstart.CommandLine;

namespace Quickstart.Tests.Unit;

public sealed class QuickstartArgumentsTests
{
    [Fact]
    public void No_arguments_mean_the_fixed_default_ports_and_running_until_Ctrl_C()
    {
        var (options, error) = QuickstartArguments.Parse([]);

        Assert.Null(error);
        Assert.Equal(6443, options!.KubePort);
        Assert.Equal(8090, options.CpaasPort);
        Assert.False(options.ExitWhenReady);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ReadyTimeout);
        Assert.Equal("default", options.SamplesNamespace);
    }

    [Theory]
    [InlineData("--exit-when-ready")]
    [InlineData("--no-wait")]
    public void Both_spellings_ask_to_exit_once_every_sample_is_Ready(string flag)
    {
        Assert.True(QuickstartArguments.Parse([flag]).Options!.ExitWhenReady);
    }

    [Fact]
    public void Flags_take_their_value_after_a_space_or_an_equals_sign()
    {
        var (options, _) = QuickstartArguments.Parse(["--kube-port", "0", "--cpaas-port=0", "--timeout=90s", "--namespace", "demo", "--state-dir", "/tmp/x"]);

        Assert.Equal(0, options!.KubePort);
        Assert.Equal(0, options.CpaasPort);
        Assert.Equal(TimeSpan.FromSeconds(90), options.ReadyTimeout);
        Assert.Equal("demo", options.SamplesNamespace);
        Assert.Equal("/tmp/x", options.StateDirectory);
    }

    [Theory]
    [InlineData(new[] { "--kube-port", "70000" }, "--kube-port needs a port number")]
    [InlineData(new[] { "--cpaas-port" }, "--cpaas-port needs a port number")]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout needs a positive duration")]
    [InlineData(new[] { "--kube-port", "7000", "--cpaas-port", "7000" }, "need different ports")]
    [InlineData(new[] { "--verbose" }, "unknown argument '--verbose'")]
    public void Bad_arguments_are_explained(string[] args, string problem)
    {
        var (options, error) = QuickstartArguments.Parse(args);

        Assert.Null(options);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--kube-prot", "0" }, "unknown argument '--kube-prot' (did you mean --kube-port?)")]
    [InlineData(new[] { "--timeout=2m", "run" }, "unknown argument 'run'")]
    [InlineData(new[] { "--timeout" }, "--timeout needs a positive duration such as 90s or 2m")]
    [InlineData(new[] { "--namespace", " " }, "--namespace needs a name")]
    public void Unknown_flags_stray_arguments_and_missing_values_are_one_line(string[] args, string problem)
    {
        var (options, error) = QuickstartArguments.Parse(args);

        Assert.Null(options);
        Assert.Equal(problem, error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_asked_with_either_spelling(string flag)
    {
        Assert.True(QuickstartArguments.Parse(["--kube-port", "0", flag]).Options!.ShowHelp);
    }

    [Fact]
    public void The_usage_text_names_every_flag()
    {
        Assert.All(QuickstartArguments.Flags, flag => Assert.Contains(flag, QuickstartArguments.Usage, StringComparison.Ordinal));
    }
}
