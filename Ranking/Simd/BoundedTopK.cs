namespace PaperSearch.Ranking.Simd;

/// <summary>
/// Keeps the best <c>capacity</c> (id, score) pairs seen, as a min-heap on score (ties: larger id is
/// "worse"), so each offer costs O(1) when it loses and O(log M) when it wins.
/// </summary>
public sealed class BoundedTopK(int capacity)
{
    private readonly int[] _ids = new int[Math.Max(capacity, 0)];
    private readonly float[] _scores = new float[Math.Max(capacity, 0)];

    public int Count { get; private set; }

    /// <summary>
    /// The score a new row must reach (≥) to have a chance of being kept: −∞ until the heap is full, then
    /// the worst kept score (+∞ for capacity 0). Scans compare whole blocks against it and call
    /// <see cref="Offer"/> only for the rare rows that pass, which keeps heap work out of the hot loop.
    /// </summary>
    public float Threshold => _ids.Length == 0 ? float.PositiveInfinity : Count < _ids.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(int id, float score)
    {
        if (_ids.Length == 0 || float.IsNaN(score)) return;
        if (Count < _ids.Length)
        {
            _ids[Count] = id;
            _scores[Count] = score;
            SiftUp(Count++);
        }
        else if (Better(score, id, _scores[0], _ids[0]))
        {
            _ids[0] = id;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    public void OfferAll(BoundedTopK other)
    {
        for (var i = 0; i < other.Count; i++) Offer(other._ids[i], other._scores[i]);
    }

    /// <summary>The kept pairs, best first (ties by ascending id).</summary>
    public ScoredId[] ToSortedArray()
    {
        var result = new ScoredId[Count];
        for (var i = 0; i < Count; i++) result[i] = new ScoredId(_ids[i], _scores[i]);
        Array.Sort(result, static (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Id.CompareTo(y.Id));
        return result;
    }

    private static bool Better(float s1, int id1, float s2, int id2) => s1 > s2 || (s1 == s2 && id1 < id2);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_scores[parent], _ids[parent], _scores[i], _ids[i])) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < Count && Better(_scores[worst], _ids[worst], _scores[left], _ids[left])) worst = left;
            if (right < Count && Better(_scores[worst], _ids[worst], _scores[right], _ids[right])) worst = right;
            if (worst == i) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
