using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation;

public class PendingCreateMarkerTests
{
    [Fact]
    public void Format_then_parse_round_trips_to_the_second()
    {
        var marker = new PendingCreateMarker(new DateTimeOffset(2026, 11, 27, 10, 0, 5, TimeSpan.Zero), "support-desk");
        Assert.Equal(marker, PendingCreateMarker.Parse(marker.Format()));
        Assert.Equal("""{"time":"2026-11-27T10:00:05Z","appName":"support-desk"}""", marker.Format());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"appName":"x"}""")]
    [InlineData("""{"time":"yesterday","appName":"x"}""")]
    public void Unreadable_annotation_is_no_marker(string? annotation) => Assert.Null(PendingCreateMarker.Parse(annotation));
}
