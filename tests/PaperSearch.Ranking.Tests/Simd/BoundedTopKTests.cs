using PaperSearch.Ranking.Simd;

namespace PaperSearch.Ranking.Tests.Simd;

public sealed class BoundedTopKTests
{
    [Fact]
    public void ToSortedArray_EqualsFullSortPrefix_WhenManyOffers()
    {
        var rng = new Random(5);
        var scores = Enumerable.Range(0, 5000).Select(_ => (float)rng.Next(0, 300)).ToArray(); // many ties
        var heap = new BoundedTopK(37);
        for (var i = 0; i < scores.Length; i++) heap.Offer(i, scores[i]);
        var expected = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(37).ToArray();
        Assert.Equal(expected, heap.ToSortedArray().Select(s => s.Id).ToArray());
    }

    [Fact]
    public void Offer_KeepsEverything_WhenFewerThanCapacity()
    {
        var heap = new BoundedTopK(10);
        heap.Offer(3, 1f);
        heap.Offer(4, 2f);
        heap.Offer(5, float.NaN);
        Assert.Equal([new ScoredId(4, 2f), new ScoredId(3, 1f)], heap.ToSortedArray());
    }

    [Fact]
    public void Threshold_IsWorstKeptScore_OnlyOnceFull()
    {
        var heap = new BoundedTopK(2);
        Assert.Equal(float.NegativeInfinity, heap.Threshold);
        heap.Offer(0, 5f);
        Assert.Equal(float.NegativeInfinity, heap.Threshold);
        heap.Offer(1, 3f);
        Assert.Equal(3f, heap.Threshold);
        heap.Offer(2, 4f);
        Assert.Equal(4f, heap.Threshold);
        Assert.Equal(float.PositiveInfinity, new BoundedTopK(0).Threshold);
    }
}
