using System.Globalization;

namespace Quickstart.Progress;

/// <summary>
/// Numbered steps on the terminal, each with its outcome and how long it took; details indented under it.
/// Plain lines only (no cursor movement), so CI logs read the same as a terminal.
/// </summary>
internal sealed class ProgressReporter
{
    private const string Indent = "      ";

    private readonly TextWriter _output;
    private readonly int _steps;
    private readonly TimeProvider _time;
    private int _current;
    private long _stepStarted;

    public ProgressReporter(TextWriter output, int steps, TimeProvider time)
    {
        _output = output;
        _steps = steps;
        _time = time;
    }

    public void Begin(string title)
    {
        _current++;
        _stepStarted = _time.GetTimestamp();
        Line($"[{_current}/{_steps}] {title}");
    }

    public void Done(string outcome) => Line($"{Indent}ok: {outcome} ({Seconds(_time.GetElapsedTime(_stepStarted))})");

    public void Detail(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Line(Indent + line.TrimEnd('\r'));
        }
    }

    public void Line(string text = "")
    {
        _output.WriteLine(text);
        _output.Flush();
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Elapsed time since <paramref name="startedAt"/> (a timestamp from <see cref="Now"/>).</summary>
    public TimeSpan Since(long startedAt) => _time.GetElapsedTime(startedAt);

    public long Now() => _time.GetTimestamp();
}
