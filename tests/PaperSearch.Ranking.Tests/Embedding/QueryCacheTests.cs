using PaperSearch.Ranking.Embedding;

namespace PaperSearch.Ranking.Tests.Embedding;

public sealed class QueryCacheTests
{
    [Fact]
    public void Set_EvictsLeastRecentlyUsed_WhenOverCapacity()
    {
        var cache = new QueryCache<int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent
        cache.Set("c", 3);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out var a) && a == 1);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out var c) && c == 3);
    }

    [Fact]
    public void Set_StoresNothing_WhenCapacityIsZero()
    {
        var cache = new QueryCache<int>(0);
        cache.Set("a", 1);
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void Set_ReplacesValue_WhenKeyExists()
    {
        var cache = new QueryCache<int>(2);
        cache.Set("a", 1);
        cache.Set("a", 5);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("a", out var a) && a == 5);
    }
}
