namespace PaperSearch.Indexer.Index;

/// <summary>What a parsed query means beyond its Lucene form: the words a model should embed and the operators a
/// ranking by meaning cannot honour. Read from the same AST as the Lucene query, so the two never disagree.</summary>
internal static class QueryMeaning
{
    public static string EmbeddingText(IReadOnlyList<QueryNode> nodes)
    {
        var words = new List<string>();
        Collect(nodes, words);
        return string.Join(' ', words);
    }

    private static void Collect(IReadOnlyList<QueryNode> nodes, List<string> words)
    {
        foreach (var node in nodes)
        {
            // Excluded parts must not pull the vector toward them; author names, ids and categories are filters, not meaning.
            if (node.Occur == ClauseOccur.MustNot || node.Field is IndexFields.Authors or IndexFields.Id or IndexFields.Category) continue;
            switch (node)
            {
                case GroupNode g: Collect(g.Children, words); break;
                case WordNode { Text.Length: > 0 } w: words.Add(w.Text); break;
                case PhraseNode { Text.Length: > 0 } p: words.Add(p.Text.Trim()); break;
            }
        }
    }

    public static IReadOnlyList<string> OperatorKinds(IReadOnlyList<QueryNode> nodes)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        Visit(nodes, kinds);
        return [.. kinds];
    }

    private static void Visit(IReadOnlyList<QueryNode> nodes, SortedSet<string> kinds)
    {
        foreach (var node in nodes)
        {
            if (node.Occur == ClauseOccur.MustNot) kinds.Add("exclusions (-x, NOT x)");
            if (node.Occur == ClauseOccur.Must) kinds.Add("required words (+x, AND)");
            if (node.Field is not null) kinds.Add("field prefixes (ti:, au:, abs:, cat:, id:)");
            if (node.Boost is not null) kinds.Add("boosts (x^2)");
            switch (node)
            {
                case WordNode { Prefix: true }: kinds.Add("prefixes (x*)"); break;
                case WordNode { Fuzzy: not null }: kinds.Add("fuzzy words (x~1)"); break;
                case PhraseNode { Slop: > 0 }: kinds.Add("proximity (\"a b\"~3)"); break;
                case PhraseNode: kinds.Add("\"phrases\""); break;
                case GroupNode g: Visit(g.Children, kinds); break;
            }
        }
    }

    public static bool HasCjk(string text)
    {
        foreach (var ch in text)
            if (ch is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uac00' and <= '\ud7af' or >= '\uf900' and <= '\ufaff')
                return true;
        return false;
    }
}
