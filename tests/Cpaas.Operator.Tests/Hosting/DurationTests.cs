using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.Tests.Hosting;

public class DurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    public void Parses_go_style_durations(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("m")]
    [InlineData("-5s")]
    [InlineData("00:10:00")]
    public void Rejects_text_that_is_not_a_duration(string text) => Assert.False(Duration.TryParse(text, out _));

    [Fact]
    public void Format_round_trips_through_parse()
    {
        var value = new TimeSpan(0, 1, 30, 5, 250);
        Assert.Equal("1h30m5s250ms", Duration.Format(value));
        Assert.Equal(value, Duration.Parse(Duration.Format(value)));
    }
}
