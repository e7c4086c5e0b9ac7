using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

public sealed partial class PaperSearcher
{
    /// <summary>
    /// The paper's most telling terms: TF-IDF over its analysed title + abstract, tf = count in the paper,
    /// idf = ln(1 + (N − df + 0.5)/(df + 0.5)) from the title + abstract field's document frequencies (the BM25 idf).
    /// Returns analysed (stemmed) terms, best first; empty when the id is not indexed.
    /// </summary>
    public IReadOnlyList<KeywordWeight> TopKeywords(string id, int count = 10) => WithSearcher(s => TopKeywords(s, id, count));

    /// <summary>
    /// "Related papers" by text, as Cool Papers does it: a BM25 query of the paper's top TF-IDF keywords, each
    /// weighted by its TF-IDF, excluding the paper itself.
    /// </summary>
    public IndexSearchResult SearchRelated(string id, int count = 20, CategoryExpression? categories = null, int keywords = 10)
    {
        var filter = SearchFilters.Build(categories, null, null, includeWithdrawn: false);
        return WithSearcher(s =>
        {
            var terms = TopKeywords(s, id, keywords);
            if (terms.Count == 0) return IndexSearchResult.Empty;
            var query = new BooleanQuery();
            foreach (var k in terms)
                foreach (var (field, boost) in IndexFields.FreeText(_options.Weights))
                    query.Add(new TermQuery(new Term(field, k.Term)) { Boost = (float)k.Weight * boost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(IndexFields.Id, id)), Occur.MUST_NOT);
            var top = s.Search(query, filter, Math.Max(1, count));
            return new IndexSearchResult(top.TotalHits,
                top.ScoreDocs.Select(sd => new IndexHit(HitCollectors.IdOf(s, sd.Doc), sd.Score)).ToList());
        });
    }

    private static List<KeywordWeight> TopKeywords(IndexSearcher s, string id, int count)
    {
        var top = s.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        if (top.ScoreDocs.Length == 0) return [];
        var doc = s.Doc(top.ScoreDocs[0].Doc, new HashSet<string> { IndexFields.Title, IndexFields.Abstract });
        var tf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in TextAnalysis.Tokens(doc.Get(IndexFields.Title) + "\n" + doc.Get(IndexFields.Abstract)))
            if (IsKeywordCandidate(t)) tf[t] = tf.GetValueOrDefault(t) + 1;

        double n = s.IndexReader.NumDocs;
        return tf.Select(kv =>
            {
                var df = s.IndexReader.DocFreq(new Term(IndexFields.Text, kv.Key));
                var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                return new KeywordWeight(kv.Key, kv.Value * idf);
            })
            .OrderByDescending(k => k.Weight).ThenBy(k => k.Term, StringComparer.Ordinal)
            .Take(count).ToList();
    }

    /// <summary>Skips one-letter tokens and pure numbers ("2", "3d" stays): they make poor "related" queries.</summary>
    private static bool IsKeywordCandidate(string term) =>
        term.Length >= 2 && !term.All(char.IsDigit) || term.Length == 1 && term[0] > 0x2E80; // a single CJK char can be a word
}
