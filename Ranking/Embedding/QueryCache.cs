namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// A small bounded LRU map, thread-safe by one lock (lookups are microseconds next to a model run).
/// Used for query embeddings: users repeat and page through the same queries.
/// </summary>
public sealed class QueryCache<TValue>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _order = new(); // most recent first
    private readonly Lock _gate = new();

    public int Capacity { get; } = capacity;

    public int Count { get { lock (_gate) return _map.Count; } }

    public bool TryGet(string key, out TValue value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (Capacity <= 0) return;
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing)) _order.Remove(existing);
            var node = _order.AddFirst((key, value));
            _map[key] = node;
            while (_map.Count > Capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
    }
}
