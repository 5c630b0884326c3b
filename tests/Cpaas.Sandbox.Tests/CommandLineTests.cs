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

    [Fact]
    public async Task Starting_on_a_taken_port_in_process_throws_a_typed_exception()
    {
        await using var running = await CpaasSandbox.StartAsync();

        var e = await Assert.ThrowsAsync<SandboxPortInUseException>(() => CpaasSandbox.StartAsync(new CpaasSandboxOptions { Port = running.Port }));
        Assert.Equal(running.Port, e.Port);
    }
}
