using System.Diagnostics;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Ranking.Fusion;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Related;

/// <summary>
/// A fused candidate pool for one request: BM25 of the like-query (real scores, also for the candidates only meaning
/// found) and cosines to the query vector (null where a paper has no vector). Shared by ranking and by
/// <c>tune --task related</c>, which learns α and τ on it.
/// </summary>
public sealed record RelatedPool(IReadOnlyList<string> Ids, double[] Bm25, double?[] Cosines, bool Partial)
{
    public double[] CosinesImputed() => HybridFusion.ImputeMissing(Cosines);
}

/// <summary>
/// Related work for any text, ids or bibliography, and the paper page's related list: the one pipeline.
/// Lexical side: the inputs' best terms by tf·idf against the index (<see cref="SearchSnapshot.SelectTerms"/>) as a
/// weighted BM25 query, never parsed as query syntax. Semantic side: the free text cut into windows, embedded and
/// averaged, averaged again with each stored input's vector, then the nearest papers over the whole catalog
/// (compressed SIMD scan + exact rescoring). Fusion: min-max within the union, α·cos + (1−α)·bm25 with this task's
/// learned α and τ, smooth Top-k membership; a paper without a vector gets the pool's median cosine.
/// </summary>
public sealed class RelatedWorkService(PaperStore store, PaperSearcher index, VectorCatalog vectors, IEmbedder embedder,
    IOptionsMonitor<RelatedOptions> options)
{
    /// <summary>Unmatched BibTeX entries embedded at most (each one short text); the rest still feed the BM25 side.</summary>
    private const int MaxEntriesEmbedded = 64;

    public bool SemanticAvailable => embedder.IsAvailable && vectors.Count > 0;

    /// <summary>Throws <see cref="BibTexFormatException"/> when the request's BibTeX cannot be read.</summary>
    public async Task<RelatedWorkResult> FindAsync(RelatedWorkRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var o = options.CurrentValue;
        var k = Math.Clamp(request.K, 1, RelatedWorkRequest.MaxK);
        var notices = new List<string>();
        IReadOnlyList<Ranked> ranked;
        IReadOnlyList<LikeTerm> terms;
        RelatedInputs inputs;
        IReadOnlyDictionary<string, IReadOnlyList<string>> shared;
        IReadOnlyDictionary<string, string> words;
        RecognisedInput? pasted = null;
        bool partial;
        using (var snapshot = index.Snapshot())
        {
            inputs = RelatedInputs.Resolve(request, snapshot);
            if (inputs.IsEmpty)
                return new RelatedWorkResult([], [], inputs.Recognised, inputs.Unmatched,
                    ["None of the inputs names a paper in this instance, and there is no text to read."], RankingName(request.Ranking), clock.ElapsedMilliseconds);
            (var pool, terms) = Pool(snapshot, request, inputs, o, notices);
            partial = pool.Partial;
            var order = Rank(pool, request.Ranking, o, k);
            (ranked, pasted) = DropPastedPaper(snapshot, inputs.FreeText, order, k);
            shared = snapshot.SharedTerms(terms, ranked.Select(r => r.Id).ToList());
            words = SearchSnapshot.SurfaceForms(inputs.AllText, terms.Select(t => t.Term));
        }

        var ids = ranked.Select(r => r.Id).ToList();
        var papers = (await store.GetManyAsync(ids, ct)).ToDictionary(p => p.Id);
        var tldrs = await store.GetTldrsAsync(ids, ct);
        string Word(string term) => words.GetValueOrDefault(term, term);
        IEnumerable<RelatedPaper> hits = ranked.Where(r => papers.ContainsKey(r.Id)).Select(r =>
        {
            var p = papers[r.Id];
            return new RelatedPaper(p.Id, p.Title, p.Authors, p.Categories, p.EffectiveDate, r.Score, r.Explain,
                shared.GetValueOrDefault(r.Id, []).Select(Word).ToList()) { Abstract = p.Abstract, Tldr = tldrs.GetValueOrDefault(p.Id) };
        });
        if (request.Sort == RelatedSort.Date) hits = hits.OrderByDescending(h => h.Date).ThenByDescending(h => h.Score);
        var recognised = pasted is null ? inputs.Recognised : [.. inputs.Recognised, pasted];
        if (partial) notices.Add(SearchService.PartialNotice);
        return new RelatedWorkResult(hits.ToList(), terms.Select(t => Word(t.Term)).ToList(), recognised, inputs.Unmatched, notices,
            RankingName(request.Ranking), clock.ElapsedMilliseconds, partial);
    }

    /// <summary>Which stored papers a request's ids and BibTeX entries name, and which name none (a library's import).
    /// Throws <see cref="BibTexFormatException"/> when the BibTeX cannot be read.</summary>
    public (IReadOnlyList<RecognisedInput> Recognised, IReadOnlyList<UnmatchedInput> Unmatched) Match(RelatedWorkRequest request)
    {
        using var snapshot = index.Snapshot();
        var inputs = RelatedInputs.Resolve(request, snapshot);
        return (inputs.Recognised, inputs.Unmatched);
    }

    /// <summary>The candidate pool of a request and the terms chosen for it (for <c>tune --task related</c>).</summary>
    public RelatedPool Pool(RelatedWorkRequest request)
    {
        using var snapshot = index.Snapshot();
        var inputs = RelatedInputs.Resolve(request, snapshot);
        return Pool(snapshot, request, inputs, options.CurrentValue, []).Pool;
    }

    private (RelatedPool Pool, IReadOnlyList<LikeTerm> Terms) Pool(SearchSnapshot snapshot, RelatedWorkRequest r, RelatedInputs inputs,
        RelatedOptions o, List<string> notices)
    {
        var exclude = inputs.Ids.Concat(r.Exclude).ToHashSet(StringComparer.Ordinal);
        var filters = new IndexSearchRequest(null, r.Categories, r.From, r.To);
        // A term only the input paper itself has cannot find anything else.
        var terms = snapshot.SelectTerms(inputs.AllText, o.MaxTerms, minDocFreq: exclude.Count > 0 ? 2 : 1, o.MaxPostings);

        var lexical = r.Ranking == RelatedRanking.Semantic ? IndexSearchResult.Empty
            : snapshot.SearchLike(terms, filters, exclude, o.PoolPerSide, o.TimeBudget);
        IReadOnlyList<string> semantic = [];
        float[]? query = null;
        if (r.Ranking != RelatedRanking.Bm25)
        {
            if (SemanticAvailable) query = QueryVector(inputs, o);
            if (query is not null) semantic = vectors.NearestPassing(query, o.PoolPerSide, snapshot, filters, exclude).Select(n => n.Id).ToList();
            else if (r.Ranking == RelatedRanking.Semantic || !SemanticAvailable)
                notices.Add("No embedding model or no vectors are available here, so related work is ranked by shared terms (BM25) only.");
        }

        var ids = lexical.Hits.Select(h => h.Id).ToList();
        var seen = ids.ToHashSet(StringComparer.Ordinal);
        ids.AddRange(semantic.Where(seen.Add));
        var bm25ById = lexical.Hits.ToDictionary(h => h.Id, h => (double)h.Score, StringComparer.Ordinal);
        var rest = ids.Where(id => !bm25ById.ContainsKey(id)).ToList();
        foreach (var (id, score) in snapshot.ScoreLike(terms, rest)) bm25ById[id] = score;
        var bm25 = ids.Select(id => bm25ById.GetValueOrDefault(id)).ToArray();
        var cosines = query is null ? new double?[ids.Count] : vectors.Cosines(query, ids);
        return (new RelatedPool(ids, bm25, cosines, lexical.Partial), terms);
    }

    private sealed record Ranked(string Id, double Score, HitExplain Explain);

    private static List<Ranked> Rank(RelatedPool pool, RelatedRanking ranking, RelatedOptions o, int k)
    {
        var n = pool.Ids.Count;
        if (n == 0) return [];
        var hasCosine = pool.Cosines.Any(c => c.HasValue);
        if (ranking == RelatedRanking.Bm25 || !hasCosine)
            return Enumerable.Range(0, n).OrderByDescending(i => pool.Bm25[i]).ThenBy(i => i)
                .Select(i => new Ranked(pool.Ids[i], pool.Bm25[i], new HitExplain(pool.Bm25[i], pool.Cosines[i], pool.Bm25[i], null))).ToList();
        if (ranking == RelatedRanking.Semantic)
            return Enumerable.Range(0, n).Where(i => pool.Cosines[i].HasValue).OrderByDescending(i => pool.Cosines[i]).ThenBy(i => i)
                .Select(i => new Ranked(pool.Ids[i], pool.Cosines[i]!.Value, new HitExplain(pool.Bm25[i], pool.Cosines[i], pool.Cosines[i]!.Value, null))).ToList();
        var fused = HybridFusion.Rank(pool.Bm25, pool.CosinesImputed(), new FusionSettings(o.Alpha, o.Tau), Math.Min(k, n));
        return fused.Select(h => new Ranked(pool.Ids[h.Index], h.Fused,
            new HitExplain(h.Bm25, pool.Cosines[h.Index], h.Fused, h.Membership, h.Bm25Norm, h.CosineNorm, o.Alpha,
                pool.Cosines[h.Index] is null ? SearchService.MissingVectorPlacement : null))).ToList();
    }

    /// <summary>
    /// One query vector for the inputs: the free text's windows averaged (or its first window), then averaged with each
    /// stored input's vector (embedded from its text when it has none) and each unmatched entry's title + abstract,
    /// each input counted once, normalised. Null when there is nothing to embed.
    /// </summary>
    private float[]? QueryVector(RelatedInputs inputs, RelatedOptions o)
    {
        var parts = new List<float[]>();
        var windows = TextWindows.Split(inputs.FreeText, o.WindowWords, o.Aggregation == WindowAggregation.First ? 1 : o.MaxWindows);
        // Each window weighs by its words, so a text's short last window does not count as much as a full one.
        if (windows.Count > 0) parts.Add(Mean(Embed(windows), windows.Select(w => (float)w.Count(c => c == ' ') + 1).ToArray()));
        var unembedded = new List<string>();
        for (var i = 0; i < inputs.Ids.Count; i++)
        {
            if (vectors.VectorOf(inputs.Ids[i]) is { } v) parts.Add(v.ToArray());
            else unembedded.Add(inputs.PaperTexts[i]);
        }
        unembedded.AddRange(inputs.EntryTexts.Take(MaxEntriesEmbedded));
        if (unembedded.Count > 0) parts.AddRange(Embed(unembedded));
        return parts.Count == 0 ? null : Mean(parts);
    }

    private List<float[]> Embed(IReadOnlyList<string> texts)
    {
        var d = embedder.Dimension;
        var output = new float[texts.Count * d];
        embedder.Embed(texts, output);
        return Enumerable.Range(0, texts.Count).Select(i => output.AsSpan(i * d, d).ToArray()).ToList();
    }

    private static float[] Mean(IReadOnlyList<float[]> rows, float[]? weights = null)
    {
        var mean = new float[rows[0].Length];
        for (var i = 0; i < rows.Count; i++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rows[i], weights?[i] ?? 1f, mean, mean);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }


    /// <summary>
    /// A pasted title + abstract of a stored paper finds that paper first; it is an input, not related work. A candidate
    /// is the pasted paper when the first 80 letters of its abstract, or its whole title of 4+ words, appear in the text
    /// (compared as lower-case letters and digits). Checked only among the candidates shown.
    /// </summary>
    private static (List<Ranked> Kept, RecognisedInput? Pasted) DropPastedPaper(SearchSnapshot snapshot, string freeText, List<Ranked> order, int k)
    {
        if (freeText.Length < 40) return (order.Take(k).ToList(), null);
        var key = Indexer.Index.PaperQuery.TitleKey(freeText);
        RecognisedInput? pasted = null;
        var kept = new List<Ranked>(k);
        foreach (var r in order)
        {
            if (kept.Count == k) break;
            if (pasted is null && snapshot.TextOf(r.Id) is { } text)
            {
                var (title, @abstract) = (text.Split(".\n", 2)[0], text.Split(".\n", 2).ElementAtOrDefault(1) ?? "");
                var titleKey = Indexer.Index.PaperQuery.TitleKey(title);
                var abstractKey = Indexer.Index.PaperQuery.TitleKey(@abstract);
                var probe = abstractKey.Length >= 80 ? abstractKey[..80] : null;
                if (probe is not null && key.Contains(probe, StringComparison.Ordinal)
                    || titleKey.Count(c => c == ' ') >= 3 && key.Contains(titleKey, StringComparison.Ordinal))
                {
                    pasted = new RecognisedInput("text", r.Id, title, "text");
                    continue;
                }
            }
            kept.Add(r);
        }
        return (kept, pasted);
    }

    private static string RankingName(RelatedRanking r) => r.ToString().ToLowerInvariant();
}
