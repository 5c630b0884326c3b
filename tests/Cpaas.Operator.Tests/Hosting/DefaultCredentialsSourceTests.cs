using Cpaas.Operator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Operator.Tests.Hosting;

public sealed class DefaultCredentialsSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cpaas-creds-").FullName;
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DefaultCredentialsSource Create(Dictionary<string, string>? environment = null) =>
        new(_directory, name => environment?.GetValueOrDefault(name), _time, TimeSpan.FromSeconds(30), NullLogger<DefaultCredentialsSource>.Instance);

    private void WriteFiles(string apiId, string apiKey)
    {
        File.WriteAllText(Path.Combine(_directory, "api_id"), apiId + "\n");
        File.WriteAllText(Path.Combine(_directory, "api_key"), apiKey + "\n");
    }

    [Fact]
    public void Reads_trimmed_files_from_the_mounted_directory()
    {
        WriteFiles("acct-1", "key-1");
        using var source = Create();
        Assert.Equal(new ApiCredentials("acct-1", "key-1"), source.Current);
    }

    [Fact]
    public void Falls_back_to_environment_variables_when_the_files_are_absent()
    {
        using var source = Create(new() { ["CPAAS_API_ID"] = "env-id", ["CPAAS_API_KEY"] = "env-key" });
        Assert.Equal(new ApiCredentials("env-id", "env-key"), source.Current);
    }

    [Fact]
    public void Is_null_without_files_or_environment()
    {
        using var source = Create();
        Assert.Null(source.Current);
    }

    [Fact]
    public void Picks_up_rotated_files_at_the_next_poll_and_raises_Changed()
    {
        WriteFiles("acct-1", "key-1");
        using var source = Create();
        var changes = 0;
        source.Changed += (_, _) => Interlocked.Increment(ref changes);

        WriteFiles("acct-1", "key-2");
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("key-2", source.Current?.ApiKey);
        // The file watcher may have reloaded first, on its own thread: its Changed can come just after Current shows the new key.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref changes) >= 1, TimeSpan.FromSeconds(10)), "Changed was not raised");
    }

    [Fact]
    public void Unchanged_files_raise_no_change()
    {
        WriteFiles("acct-1", "key-1");
        using var source = Create();
        var changes = 0;
        source.Changed += (_, _) => changes++;
        source.Reload();
        Assert.Equal(0, changes);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var credentials = new ApiCredentials("acct-1", "very-secret-key");
        Assert.DoesNotContain("very-secret-key", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("acct-1", credentials.ToString(), StringComparison.Ordinal);
    }
}
