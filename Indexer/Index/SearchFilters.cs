using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Index;

/// <summary>Request filters (categories, date range, withdrawn) as one non-scoring Lucene filter.</summary>
internal static class SearchFilters
{
    public static Filter? Build(CategoryExpression? categories, DateOnly? from, DateOnly? to, bool includeWithdrawn)
    {
        var filter = new BooleanQuery();
        if (categories is { IsEverything: false })
        {
            if (categories.Include.Count > 0)
            {
                var any = new BooleanQuery();
                foreach (var term in categories.Include) any.Add(CategoryTerm(term), Occur.SHOULD);
                filter.Add(any, Occur.MUST);
            }
            foreach (var term in categories.Exclude) filter.Add(CategoryTerm(term), Occur.MUST_NOT);
        }
        if (from is not null || to is not null)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(IndexFields.Date,
                from is { } f ? IndexFields.DateKey(f) : null, to is { } t ? IndexFields.DateKey(t) : null, true, true), Occur.MUST);
        }
        if (!includeWithdrawn) filter.Add(WithdrawnPapers(), Occur.MUST_NOT);

        if (filter.Clauses.Count == 0) return null;
        if (filter.Clauses.All(c => c.Occur == Occur.MUST_NOT)) filter.Add(new MatchAllDocsQuery(), Occur.MUST);
        return new QueryWrapperFilter(filter);
    }

    /// <summary>The papers marked withdrawn, which every search leaves out unless asked to include them.</summary>
    public static TermQuery WithdrawnPapers() => new(new Term(IndexFields.Withdrawn, "1"));

    public static TermQuery CategoryTerm(string term) =>
        CategoryExpression.IsArchiveTerm(term)
            ? new TermQuery(new Term(IndexFields.Archive, term.ToLowerInvariant()))
            : new TermQuery(new Term(IndexFields.Category, term));
}
