using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// The operator's default CPaaS credentials: files <c>api_id</c> and <c>api_key</c> in a mounted Secret directory,
/// re-read when they change (the kubelet swaps the whole directory through a <c>..data</c> symlink), with the
/// environment variables as a fallback.
/// </summary>
public sealed partial class DefaultCredentialsSource : IDisposable
{
    public const string ApiIdFile = "api_id";
    public const string ApiKeyFile = "api_key";

    private readonly string? _directory;
    private readonly Func<string, string?> _environment;
    private readonly ILogger<DefaultCredentialsSource> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _pollTimer;
    private readonly Lock _gate = new();
    private ApiCredentials? _current;

    public DefaultCredentialsSource(
        string? directory,
        Func<string, string?> environment,
        TimeProvider timeProvider,
        TimeSpan pollInterval,
        ILogger<DefaultCredentialsSource> logger)
    {
        _directory = string.IsNullOrWhiteSpace(directory) ? null : directory;
        _environment = environment;
        _logger = logger;
        _current = Load();

        if (_directory is not null && Directory.Exists(_directory))
        {
            // Change notifications are the fast path; the poll catches what inotify misses (e.g. symlink swaps on some volumes).
            _watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = false, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => Reload();
            _watcher.Created += (_, _) => Reload();
            _watcher.Renamed += (_, _) => Reload();
            _watcher.Deleted += (_, _) => Reload();
        }

        if (pollInterval > TimeSpan.Zero)
        {
            _pollTimer = timeProvider.CreateTimer(_ => Reload(), null, pollInterval, pollInterval);
        }
    }

    /// <summary>Raised after the credentials changed (new values, appeared or disappeared).</summary>
    public event EventHandler? Changed;

    /// <summary>The current credentials, or null when neither the directory nor the environment provides them.</summary>
    public ApiCredentials? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Reads the sources again; raises <see cref="Changed"/> when the result differs.</summary>
    public void Reload()
    {
        var loaded = Load();
        bool changed;
        lock (_gate)
        {
            changed = loaded != _current;
            _current = loaded;
        }

        if (changed)
        {
            LogCredentialsChanged(loaded?.ApiId);
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _pollTimer?.Dispose();
    }

    private ApiCredentials? Load()
    {
        if (_directory is not null)
        {
            var apiId = ReadTrimmed(Path.Combine(_directory, ApiIdFile));
            var apiKey = ReadTrimmed(Path.Combine(_directory, ApiKeyFile));
            if (apiId is not null && apiKey is not null)
            {
                return new ApiCredentials(apiId, apiKey);
            }
        }

        var envId = _environment(OperatorSettings.ApiIdEnvironmentVariable);
        var envKey = _environment(OperatorSettings.ApiKeyEnvironmentVariable);
        return string.IsNullOrWhiteSpace(envId) || string.IsNullOrWhiteSpace(envKey)
            ? null
            : new ApiCredentials(envId.Trim(), envKey.Trim());
    }

    private string? ReadTrimmed(string path)
    {
        try
        {
            var text = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
            return string.IsNullOrEmpty(text) ? null : text;
        }
        catch (IOException ex)
        {
            // A read can race the kubelet's directory swap; the next notification or poll reads it again.
            LogReadFailed(Path.GetFileName(path), ex.GetType().Name);
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            LogReadFailed(Path.GetFileName(path), ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default CPaaS credentials changed (api_id {ApiId})")]
    private partial void LogCredentialsChanged(string? apiId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read credentials file {File}: {Error}")]
    private partial void LogReadFailed(string file, string error);
}
