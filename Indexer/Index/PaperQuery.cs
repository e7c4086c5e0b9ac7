using Lucene.Net.Index;
using Lucene.Net.Search;
using PaperSearch.Categories;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Reads search-box text (<see cref="Parse"/>, once per request) and turns it into a Lucene query. Free text is an OR of its terms over title + abstract (one field),
/// the title again (a small extra weight), authors and the Chinese summary, so BM25 ranks papers matching more terms higher; the free-text words are
/// also tried as one title phrase, so typing a paper's exact title puts that paper first. A query that is an
/// arXiv id or URL becomes an exact id lookup. Syntax errors throw <see cref="QuerySyntaxException"/>.
/// </summary>
public static class PaperQuery
{
    /// <summary>The longest query text, in characters: the one owner of this bound (the parser, the search box's maxlength).</summary>
    public const int MaxLength = 1000;

    /// <summary>True when <paramref name="text"/> is refused only for its length or number of terms (a pasted abstract).</summary>
    public static bool ExceedsLimits(string text)
    {
        try { QueryParser.Parse(text); return false; }
        catch (QuerySyntaxException e) { return e.OverLimits; }
    }

    /// <summary>Longest query (in distinct analysed words) that also gets the all-words-in-title clause.</summary>
    private const int AllInTitleMaxWords = 8;

    /// <summary>
    /// The free words as one phrase, per field, with its boost (relative to the summed per-term BM25 scores): the
    /// whole title (typing a title finds that paper first), and the Chinese summary (a Chinese phrase typed
    /// without spaces is segmented into words that are common one by one, e.g. 优化 | 算法; adjacency is the signal).
    /// </summary>
    private static readonly (string Field, float Boost)[] WholePhrase = [(IndexFields.Title, 4f), (IndexFields.SummaryZh, 2f)];

    /// <summary>
    /// Parses search-box text once into the model every consumer reads (<see cref="ParsedQuery"/>). Null or blank text
    /// is the blank query (everything that passes the filters). Throws <see cref="QuerySyntaxException"/> with a
    /// position and a fix for text that is not a query; never anything else.
    /// </summary>
    public static ParsedQuery Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return new ParsedQuery("", [], null);
        if (trimmed.Length <= 300 && ArxivId.TryParse(trimmed, out var id)) return new ParsedQuery(trimmed, [], id.Id);
        return new ParsedQuery(trimmed, QueryParser.Parse(trimmed), null);
    }

    /// <summary>
    /// A natural-language text (a claim, a title) as a plain bag-of-words query: letters and digits only, lower-cased,
    /// so no word is read as an operator. For <c>eval</c> and <c>tune</c>, whose queries are sentences, not syntax.
    /// </summary>
    public static ParsedQuery ParseWords(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text) sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        return Parse(string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>A title reduced to its letters and digits, lower-cased, single-spaced: what "typed the exact title" compares.</summary>
    public static string TitleKey(string title)
    {
        var sb = new System.Text.StringBuilder(title.Length);
        var space = false;
        foreach (var ch in title)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else space = true;
        }
        return sb.ToString();
    }

    /// <summary>The Lucene query of a parsed query; use <see cref="ParsedQuery.Lucene"/>, which builds it once.</summary>
    internal static Query Build(ParsedQuery parsed, QueryWeights weights, WordMatch match)
    {
        if (parsed.IsBlank) return new MatchAllDocsQuery();
        if (parsed.ExactId is { } exact) return new TermQuery(new Term(IndexFields.Id, exact));

        var root = new BooleanQuery();
        var builder = new Builder(IndexFields.FreeText(weights), match);
        foreach (var node in parsed.Nodes) builder.Add(root, node, collectFree: true);

        // Analysed together so stop words between the words leave the same position gaps as in the title.
        var freeTokens = TextAnalysis.Positioned(string.Join(' ', builder.FreeWords));
        if (freeTokens.Count >= 2)
            foreach (var (field, boost) in WholePhrase)
            {
                var phrase = Phrase(field, freeTokens);
                phrase.Boost = boost;
                root.Add(phrase, Occur.SHOULD);
            }
        // Every free word somewhere in the title, in any order: the strongest sign that a short keyword query
        // ("diffusion video editing") names this paper. Long texts (claims, abstracts) are not keyword queries.
        var titleWords = freeTokens.Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (titleWords.Count is >= 2 and <= AllInTitleMaxWords && weights.TitleWordsBoost > 0)
        {
            var all = new BooleanQuery { Boost = weights.TitleWordsBoost };
            foreach (var t in titleWords) all.Add(new TermQuery(new Term(IndexFields.Title, t)), Occur.MUST);
            root.Add(all, Occur.SHOULD);
        }
        // Only stop words or punctuation ("the", "?"): nothing the index holds. Matching every paper would answer
        // a typed query with the whole corpus in arbitrary order; an empty query matches nothing instead.
        if (root.Clauses.Count == 0) return root;
        if (root.Clauses.All(c => c.Occur == Occur.MUST_NOT)) root.Add(new MatchAllDocsQuery(), Occur.MUST);
        return root;
    }

    private sealed class Builder((string Field, float Boost)[] freeText, WordMatch match)
    {
        /// <summary>Free (unfielded, not excluded) words in query order, for the whole-title phrase.</summary>
        public List<string> FreeWords { get; } = [];

        public void Add(BooleanQuery parent, QueryNode node, bool collectFree)
        {
            var occur = node.Occur switch
            {
                ClauseOccur.Must => Occur.MUST,
                ClauseOccur.MustNot => Occur.MUST_NOT,
                // "All words" makes every optional part required, except parts the user joined by OR.
                _ => match == WordMatch.All && !node.Alternative ? Occur.MUST : Occur.SHOULD,
            };
            var before = parent.Clauses.Count;
            AddClause(parent, node, occur, collectFree);
            if (node.Boost is { } boost)
                for (var i = before; i < parent.Clauses.Count; i++) parent.Clauses[i].Query.Boost *= boost;
        }

        private void AddClause(BooleanQuery parent, QueryNode node, Occur occur, bool collectFree)
        {
            switch (node)
            {
                case GroupNode g:
                    var group = new BooleanQuery();
                    foreach (var child in g.Children) Add(group, child, collectFree: false);
                    if (group.Clauses.Count == 0) return;
                    if (group.Clauses.All(c => c.Occur == Occur.MUST_NOT)) group.Add(new MatchAllDocsQuery(), Occur.MUST);
                    parent.Add(group, occur);
                    return;
                case { Field: IndexFields.Id }:
                    parent.Add(new TermQuery(new Term(IndexFields.Id, ParseId(node))), occur);
                    return;
                case { Field: IndexFields.Category }:
                    parent.Add(CategoryTerm(node), occur);
                    return;
                case WordNode { Prefix: true } w:
                    parent.Add(Across(node.Field, f => new PrefixQuery(new Term(f, w.Text.ToLowerInvariant()))), occur);
                    return;
                case WordNode { Fuzzy: { } edits } w:
                    // The index holds analysed (stemmed) terms: the fuzzy term is the word's own analysed form.
                    var stem = TextAnalysis.Positioned(w.Text);
                    if (stem.Count == 0) return;
                    parent.Add(Across(node.Field, f => new FuzzyQuery(new Term(f, stem[0].Term), edits)), occur);
                    return;
                case WordNode w:
                    var tokens = TextAnalysis.Positioned(w.Text);
                    if (collectFree && node.Field is null && occur != Occur.MUST_NOT) FreeWords.Add(w.Text);
                    if (tokens.Count == 0) return;
                    if (tokens.Count == 1 || occur == Occur.SHOULD && match == WordMatch.Any)
                        foreach (var (t, _) in tokens) parent.Add(Across(node.Field, f => new TermQuery(new Term(f, t))), occur);
                    else // "+state-of-the-art" or "-低分辨率": the word's pieces belong together
                        parent.Add(Across(node.Field, f => Phrase(f, tokens)), occur);
                    return;
                case PhraseNode p:
                    var words = TextAnalysis.Positioned(p.Text);
                    if (words.Count == 0) return;
                    parent.Add(Across(node.Field, f => words.Count == 1 ? new TermQuery(new Term(f, words[0].Term)) : Phrase(f, words, p.Slop)), occur);
                    return;
            }
        }

        /// <summary>One clause per free-text field (or just the named field), boosted, OR-ed.</summary>
        private Query Across(string? field, Func<string, Query> make)
        {
            if (field is not null) return make(field);
            var any = new BooleanQuery();
            foreach (var (f, boost) in freeText)
            {
                var q = make(f);
                q.Boost = boost;
                any.Add(q, Occur.SHOULD);
            }
            return any;
        }
    }

    private static PhraseQuery Phrase(string field, List<(string Term, int Position)> tokens, int slop = 0)
    {
        var q = new PhraseQuery { Slop = slop };
        var first = tokens[0].Position;
        foreach (var (t, position) in tokens) q.Add(new Term(field, t), position - first);
        return q;
    }

    private static string ParseId(QueryNode node)
    {
        var text = node is WordNode w ? w.Text : ((PhraseNode)node).Text;
        return ArxivId.Normalize(text)
               ?? throw new QuerySyntaxException($"id: at position {node.Position} expects an arXiv id such as 2401.06769 or hep-th/9901001, not '{text}'.", node.Position);
    }

    private static TermQuery CategoryTerm(QueryNode node)
    {
        var text = node is WordNode w ? w.Text : ((PhraseNode)node).Text;
        // An MSC or ACM class (cat:68T07, cat:I.2.6) is indexed beside the categories, under the same field.
        if (ArxivTaxonomy.CanonicalCode(text) is null && ClassCodes.Parse([text]) is { } codes && codes.Msc.Concat(codes.Acm).FirstOrDefault() is { } code)
            return new TermQuery(new Term(IndexFields.Category, code));
        var canonical = ArxivTaxonomy.CanonicalCode(text) ?? throw new QuerySyntaxException($"cat: at position {node.Position} names an unknown category '{text}'; use a code such as cs.AI, an archive such as cs, or an MSC/ACM class such as 68T07 or I.2.6.", node.Position);
        return CategoryExpression.IsArchiveTerm(canonical)
            ? new TermQuery(new Term(IndexFields.Archive, canonical))
            : new TermQuery(new Term(IndexFields.Category, CategoryAliases.Canonicalize(canonical)));
    }
}

/// <summary>Search-time weights of the free-text fields (from <see cref="IndexOptions"/>).</summary>
public sealed record QueryWeights(float TitleBoost, float TitleWordsBoost)
{
    public static QueryWeights Default { get; } = new IndexOptions().Weights;
}
