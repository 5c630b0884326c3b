using Cpaas.Sandbox.CommandLine;

namespace Cpaas.Sandbox.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Busy_port_prints_a_clear_message_and_exits_1()
    {
        await using var running = await CpaasSandbox.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SandboxCommand.RunAsync(["--port", running.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"], output, error);

        Assert.Equal(1, exitCode);
        Assert.Contains($"port {running.Port} on 127.0.0.1 is already in use", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--port")]
    [InlineData("--result-encoding", "hex")]
    [InlineData("--frobnicate")]
    [InlineData("--page-length", "0")]
    [InlineData("--page-length", "101")]
    [InlineData("--updated-at-ordering", "sometimes")]
    [InlineData("--date-format", "unix")]
    public async Task Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await SandboxCommand.RunAsync(args, output, error));
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--prot", "0" }, "error: unknown argument --prot (did you mean --port?)")]
    [InlineData(new[] { "--port", "0", "start" }, "error: unknown argument start")]
    [InlineData(new[] { "--port" }, "error: --port needs a value")]
    [InlineData(new[] { "--result-encoding=hex" }, "error: --result-encoding takes number or string")]
    public async Task A_bad_argument_is_named_in_one_line_before_the_usage(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await SandboxCommand.RunAsync(args, output, error));
        Assert.Equal(expected, error.ToString().Split('\n')[0]);
    }

    [Fact]
    public async Task Help_lists_every_flag_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await SandboxCommand.RunAsync(["--help"], output, error));
        foreach (var flag in new[] { "--port", "--admin-key", "--customer-key", "--result-encoding", "--errors-with-http-200", "--error-key", "--omit-unset-fields", "--lenient", "--page-length", "--updated-at-ordering", "--section-changes-keep-updated-at", "--date-format", "--quiet" })
        {
            Assert.Contains(flag, output.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Flags_set_the_wire_and_the_behaviour_and_unset_ones_keep_their_defaults()
    {
        var (arguments, _, problem) = SandboxArguments.Parse(["--port=0", "--result-encoding", "string", "--errors-with-http-200", "--page-length", "5", "--date-format", "seconds", "--quiet"]);

        Assert.Null(problem);
        Assert.Equal(Wire.ResultEncoding.String, arguments!.Options.Wire.ResultEncoding);
        Assert.True(arguments.Options.Wire.BusinessErrorsWithHttp200);
        Assert.Equal(Wire.ErrorMessageKey.Msg, arguments.Options.Wire.ErrorMessageKey);
        Assert.True(arguments.Options.Wire.FillUnsetFields);
        Assert.Equal(Wire.WireDateFormat.Seconds, arguments.Options.Wire.DateFormat);
        Assert.Equal(5, arguments.Options.Behaviour.DefaultPageLength);
        Assert.Equal(Api.UpdatedAtOrdering.Supported, arguments.Options.Behaviour.UpdatedAtOrdering);
        Assert.True(arguments.Quiet);
    }

    [Fact]
    public async Task Starting_on_a_taken_port_in_process_throws_a_typed_exception()
    {
        await using var running = await CpaasSandbox.StartAsync();

        var e = await Assert.ThrowsAsync<SandboxPortInUseException>(() => CpaasSandbox.StartAsync(new CpaasSandboxOptions { Port = running.Port }));
        Assert.Equal(running.Port, e.Port);
    }
}
