using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace PaperSearch.Indexer.Index;

/// <summary>A query term chosen from a text, with its tf·idf weight against this index (used as the term's boost).</summary>
public sealed record LikeTerm(string Term, double Weight);

/// <summary>
/// "More like this text": the lexical side of related work. A text of any length (an abstract, a draft) is never parsed
/// as query syntax; its terms are analysed like the index and the best few by tf·idf against this index's own statistics
/// become a weighted OR query, so a 100,000-character draft costs one analysis pass and a 25-term BM25 query.
/// </summary>
public sealed partial class SearchSnapshot
{
    /// <summary>
    /// The default bound on a like-query's postings. At 118,024 papers the 100 best terms of a paper read 127k–413k
    /// postings (p50 252k, 30 papers), so this rarely binds there; at 1,000,000 they read 1.0M–3.1M (p50 1.9M) and the
    /// query took 173 ms at p50, which the bound brings back to the smaller corpus's cost.
    /// </summary>
    public const int DefaultMaxPostings = 400_000;

    /// <summary>The analysed text is read up to this many tokens (a long draft's vocabulary is settled well before).</summary>
    public const int MaxTokensRead = 200_000;

    /// <summary>
    /// The <paramref name="maxTerms"/> most telling terms of <paramref name="text"/>: Lucene's MoreLikeThis scoring
    /// (tf in the text × idf of the combined title + abstract field), one-letter tokens and pure numbers skipped, terms no
    /// paper has skipped (they cannot match). <paramref name="minDocFreq"/> 2 keeps out terms found only in the input's
    /// own document when the input is a stored paper. <paramref name="maxPostings"/> bounds the query's cost, the sum of
    /// its terms' document frequencies (what BM25 reads): a term that would exceed it is passed over for the next one
    /// that fits, so the query stays as cheap at millions of papers as at a hundred thousand (the best term is always kept).
    /// </summary>
    public IReadOnlyList<LikeTerm> SelectTerms(string text, int maxTerms, int minDocFreq = 1, long maxPostings = DefaultMaxPostings)
    {
        if (string.IsNullOrWhiteSpace(text) || maxTerms <= 0) return [];
        var mlt = new MoreLikeThis(_searcher.IndexReader)
        {
            Analyzer = TextAnalysis.Analyzer,
            FieldNames = [IndexFields.Text],
            MinTermFreq = 1,
            MinDocFreq = minDocFreq,
            MaxNumTokensParsed = MaxTokensRead,
            MaxQueryTerms = int.MaxValue,
            // A term in more than a tenth of the papers says little about a topic but costs the most to score.
            // (Below 1,000 papers every term is kept: a tenth of a small index is no sign of a common word.)
            MaxDocFreq = _searcher.IndexReader.NumDocs >= 1_000 ? _searcher.IndexReader.NumDocs / 10 : int.MaxValue,
        };
        using var reader = new StringReader(text);
        var queue = mlt.RetrieveTerms(reader, IndexFields.Text);
        var terms = new List<LikeTerm>(maxTerms);
        var postings = 0L;
        while (terms.Count < maxTerms && queue.Count > 0)
        {
            var t = queue.Pop();
            if (!IsKeywordCandidate(t.Word)) continue;
            var docFreq = _searcher.IndexReader.DocFreq(new Term(IndexFields.Text, t.Word));
            if (terms.Count > 0 && postings + docFreq > maxPostings) continue;
            postings += docFreq;
            terms.Add(new LikeTerm(t.Word, t.Score));
        }
        return terms;
    }

    /// <summary>
    /// BM25 over the chosen terms (each boosted by its weight relative to the best), filtered like a search, the
    /// <paramref name="exclude"/> ids left out, best first. Bounded by <paramref name="budget"/> like a search.
    /// </summary>
    public IndexSearchResult SearchLike(IReadOnlyList<LikeTerm> terms, IndexSearchRequest filters, IReadOnlyCollection<string> exclude, int count,
        TimeSpan? budget = null)
    {
        if (terms.Count == 0 || count <= 0) return IndexSearchResult.Empty;
        var query = LikeQuery(terms);
        foreach (var id in exclude) query.Add(new TermQuery(new Term(IndexFields.Id, id)), Occur.MUST_NOT);
        var filter = SearchFilters.Build(filters.Categories, filters.From, filters.To, filters.IncludeWithdrawn);
        var collector = TopScoreDocCollector.Create(Math.Max(1, Math.Min(count, _searcher.IndexReader.MaxDoc)), docsScoredInOrder: false);
        var complete = BudgetCollector.Run(_searcher, query, filter, collector, budget, _time);
        var top = collector.GetTopDocs();
        return new IndexSearchResult(top.TotalHits,
            top.ScoreDocs.Select(sd => new IndexHit(HitCollectors.IdOf(_searcher, sd.Doc), float.IsNaN(sd.Score) ? 0f : sd.Score) { Doc = sd.Doc }).ToList(),
            Partial: !complete);
    }

    /// <summary>
    /// The BM25 score the like-query gives each of <paramref name="ids"/> (candidates found by meaning): their real lexical
    /// evidence, 0 for a paper sharing none of the terms, absent for an id not in the index.
    /// </summary>
    public IReadOnlyDictionary<string, double> ScoreLike(IReadOnlyList<LikeTerm> terms, IReadOnlyList<string> ids)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (ids.Count == 0) return scores;
        foreach (var id in HitCollectors.AllIds(_searcher, IdSet(ids), null)) scores[id] = 0;
        if (terms.Count == 0) return scores;
        var query = LikeQuery(terms);
        var top = _searcher.Search(query, new QueryWrapperFilter(IdSet(ids)), ids.Count);
        foreach (var sd in top.ScoreDocs) scores[HitCollectors.IdOf(_searcher, sd.Doc)] = sd.Score;
        return scores;
    }

    /// <summary>The chosen terms each paper's title + abstract contains, in the terms' order: the "why" of a related paper.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SharedTerms(IReadOnlyList<LikeTerm> terms, IReadOnlyList<string> ids)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (TextOf(id) is not { } text) continue;
            var tokens = TextAnalysis.Tokens(text).ToHashSet(StringComparer.Ordinal);
            result[id] = terms.Where(t => tokens.Contains(t.Term)).Select(t => t.Term).ToList();
        }
        return result;
    }

    /// <summary>A paper's stored title and abstract as one text (what it is indexed as), or null when not indexed.</summary>
    public string? TextOf(string id)
    {
        if (DocOf(id) is not { } doc) return null;
        var stored = _searcher.Doc(doc, new HashSet<string> { IndexFields.Title, IndexFields.Abstract });
        return stored.Get(IndexFields.Title) + ".\n" + stored.Get(IndexFields.Abstract);
    }

    /// <summary>The readable word an analysed (stemmed) term stands for in <paramref name="text"/>: its most frequent surface form.</summary>
    public static IReadOnlyDictionary<string, string> SurfaceForms(string text, IEnumerable<string> terms)
    {
        var wanted = terms.ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (term, surface) in TextAnalysis.WithSurface(text))
        {
            if (!wanted.Contains(term)) continue;
            if (!counts.TryGetValue(term, out var forms)) counts[term] = forms = new(StringComparer.Ordinal);
            var s = surface.ToLowerInvariant();
            forms[s] = forms.GetValueOrDefault(s) + 1;
        }
        return counts.ToDictionary(c => c.Key, c => c.Value.OrderByDescending(f => f.Value).ThenBy(f => f.Key.Length).First().Key, StringComparer.Ordinal);
    }

    private static BooleanQuery LikeQuery(IReadOnlyList<LikeTerm> terms)
    {
        var best = terms.Max(t => t.Weight);
        var query = new BooleanQuery();
        foreach (var t in terms)
            query.Add(new TermQuery(new Term(IndexFields.Text, t.Term)) { Boost = (float)(best > 0 ? t.Weight / best : 1) }, Occur.SHOULD);
        return query;
    }

    /// <summary>Skips one-letter tokens and pure numbers ("2", "3d" stays): they make poor "related" queries; a single CJK
    /// character can be a word.</summary>
    internal static bool IsKeywordCandidate(string term) =>
        term.Length >= 2 && !term.All(char.IsDigit) || term.Length == 1 && term[0] > 0x2E80;
}
