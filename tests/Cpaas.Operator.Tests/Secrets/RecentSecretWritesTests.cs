using Controller.Runtime;
using Cpaas.Operator.Secrets;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Operator.Tests.Secrets;

public sealed class RecentSecretWritesTests
{
    private static readonly ObjectKey Key = new("team-a", "demo-cpaas");
    private readonly FakeTimeProvider _time = new();

    private static V1Secret Secret(string resourceVersion) =>
        new() { Metadata = new V1ObjectMeta { NamespaceProperty = "team-a", Name = "demo-cpaas", ResourceVersion = resourceVersion } };

    [Fact]
    public void A_write_the_cache_has_not_seen_yet_is_answered_as_written()
    {
        var writes = new RecentSecretWrites(_time);
        writes.Wrote(Secret("7"));

        Assert.Equal("7", writes.Current(Key, cached: null)?.Metadata.ResourceVersion);
        Assert.Equal("7", writes.Current(Key, Secret("5"))?.Metadata.ResourceVersion);
    }

    [Fact]
    public void The_cache_is_trusted_again_once_it_shows_the_write_or_reports_any_event_for_the_key()
    {
        var writes = new RecentSecretWrites(_time);
        writes.Wrote(Secret("7"));
        Assert.Equal("7", writes.Current(Key, Secret("7"))?.Metadata.ResourceVersion);
        Assert.Equal(0, writes.Count);

        writes.Wrote(Secret("9"));
        writes.Seen(Key);
        Assert.Null(writes.Current(Key, cached: null));
    }

    [Fact]
    public void An_expectation_older_than_the_expiry_is_dropped_so_a_lost_event_cannot_hide_a_deleted_Secret()
    {
        var writes = new RecentSecretWrites(_time);
        writes.Wrote(Secret("7"));

        _time.Advance(RecentSecretWrites.Expiry + TimeSpan.FromSeconds(1));

        Assert.Null(writes.Current(Key, cached: null));
        Assert.Equal(0, writes.Count);
    }
}
