using Controller.Runtime.Cache;
using Controller.Runtime.Tests.Support;

namespace Controller.Runtime.Tests.Cache;

public sealed class IndexerTests
{
    [Fact]
    public void Get_and_List_by_namespace_return_what_was_stored()
    {
        var indexer = new Indexer<Widget>();
        indexer.Upsert(Objects.Widget("a", "one"));
        indexer.Upsert(Objects.Widget("a", "two"));
        indexer.Upsert(Objects.Widget("b", "one"));

        Assert.Equal("one", indexer.Get(new ObjectKey("b", "one"))?.Metadata.Name);
        Assert.Null(indexer.Get(new ObjectKey("c", "one")));
        Assert.Equal(3, indexer.List().Count);
        Assert.Equal(["one", "two"], indexer.List("a").Select(w => w.Metadata.Name).Order());
    }

    [Fact]
    public void A_secondary_index_follows_updates_and_deletes()
    {
        var indexer = new Indexer<Widget>();
        indexer.AddIndex("secret", w => w.Spec?.SecretName is { } s ? [$"{w.Metadata.NamespaceProperty}/{s}"] : []);
        indexer.Upsert(Objects.Widget("a", "one", secretName: "creds"));
        indexer.Upsert(Objects.Widget("a", "two", secretName: "creds"));
        indexer.Upsert(Objects.Widget("b", "three", secretName: "creds"));

        Assert.Equal([new ObjectKey("a", "one"), new ObjectKey("a", "two")], indexer.KeysByIndex("secret", "a/creds").Order());

        indexer.Upsert(Objects.Widget("a", "one", "2", secretName: "other"));
        indexer.Remove(new ObjectKey("a", "two"));

        Assert.Empty(indexer.ByIndex("secret", "a/creds"));
        Assert.Equal("one", Assert.Single(indexer.ByIndex("secret", "a/other")).Metadata.Name);
    }

    [Fact]
    public void An_index_added_late_covers_existing_objects()
    {
        var indexer = new Indexer<Widget>();
        indexer.Upsert(Objects.Widget("a", "one", secretName: "creds"));

        indexer.AddIndex("secret", w => w.Spec?.SecretName is { } s ? [s] : []);

        Assert.Single(indexer.ByIndex("secret", "creds"));
        Assert.Throws<ArgumentException>(() => indexer.ByIndex("missing", "x"));
    }

    [Fact]
    public void A_value_indexed_by_one_object_then_by_several_then_by_one_again_answers_exactly_each_time()
    {
        var indexer = new Indexer<Widget>();
        indexer.AddIndex("secret", w => w.Spec?.SecretName is { } s ? [s, s] : []);
        indexer.Upsert(Objects.Widget("a", "one", secretName: "creds"));
        indexer.Upsert(Objects.Widget("a", "one", "2", secretName: "creds"));
        Assert.Equal([new ObjectKey("a", "one")], indexer.KeysByIndex("secret", "creds"));

        indexer.Upsert(Objects.Widget("a", "two", secretName: "creds"));
        indexer.Upsert(Objects.Widget("a", "three", secretName: "creds"));
        Assert.Equal(["one", "three", "two"], indexer.ByIndex("secret", "creds").Select(w => w.Metadata.Name).Order());

        indexer.Remove(new ObjectKey("a", "one"));
        indexer.Upsert(Objects.Widget("a", "three", "2", secretName: "other"));
        Assert.Equal([new ObjectKey("a", "two")], indexer.KeysByIndex("secret", "creds"));

        indexer.Remove(new ObjectKey("a", "two"));
        Assert.Empty(indexer.KeysByIndex("secret", "creds"));
        Assert.Equal([new ObjectKey("a", "three")], indexer.KeysByIndex("secret", "other"));
    }
}
