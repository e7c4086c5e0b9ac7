using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Fusion;
using PaperSearch.Ranking.Learning;
using PaperSearch.Ranking.TopK;
using PaperSearch.Web.Related;

namespace PaperSearch.Web.Library;

/// <summary>
/// The three kinds of evidence for every candidate of one library, side by side (null where a paper has no vector):
/// the linear model's score, the cosine to the nearest library paper (and which two are nearest), the BM25 of the
/// library's keywords. Shared by ranking and by <c>tune --task library</c>.
/// </summary>
public sealed record LibraryPool(IReadOnlyList<string> Ids, double?[] Linear, double?[] Nearest, double[] Bm25, double?[] Centroid,
    IReadOnlyList<(string Id, double Cosine)[]> Because, IReadOnlyList<LikeTerm> Terms, bool Semantic);

/// <summary>
/// "For you": recommendations learned per request from a reader's library (the papers they starred, those they
/// dismissed), the only copy (API, page, CLI, ❤ sort, library feeds, eval).
/// The model: a regularised least-squares scorer on the low-rank codes (positives against a seeded sample of the
/// catalog and the dismissed papers, closed form through the eigenbasis of the r×r Gram matrix, <see cref="RidgeScorer"/>),
/// run over all codes by the SIMD scan with exact rescoring; the nearest papers of the library's own papers; a BM25 query
/// of the library's most telling keywords. The union is fused, min-max per side, with <c>Library:Weight*</c>, and smooth
/// Top-k membership says how sure. One known paper and nothing dismissed: that paper's related list. No vectors: keywords.
/// </summary>
public sealed class RecommendService(PaperStore store, PaperSearcher index, VectorCatalog vectors, RelatedWorkService related,
    IOptionsMonitor<LibraryOptions> options)
{
    /// <summary>The seed of the "other papers" sample: the same library gets the same model.</summary>
    public const int SampleSeed = 20261207;

    /// <summary>Library papers whose text feeds the keyword query at most (the most recently added).</summary>
    private const int MaxTextPapers = 300;

    /// <summary>Library papers a candidate's nearest-paper cosine is taken over at most (the most recently added).</summary>
    private const int MaxComparedPapers = 1000;

    public const string NoVectorsNotice =
        "None of the library's papers has an embedding here yet (or this instance runs without a model), so the recommendations come from the library's keywords (BM25) only.";

    public async Task<RecommendResult> RecommendAsync(RecommendRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var o = options.CurrentValue;
        var notices = new List<string>();
        List<string> known, unknown, negatives;
        using (var snapshot = index.Snapshot())
        {
            (known, unknown) = Split(snapshot, request.Positives);
            negatives = Split(snapshot, request.Negatives).Known.Where(id => !known.Contains(id)).ToList();
        }
        if (known.Count == 0)
            return new RecommendResult([], [], unknown, [request.Positives.Count == 0
                ? "The library is empty: star papers (☆ on any card) and they become the library."
                : "None of the library's papers is in this instance."], ModelName(request.Model), clock.ElapsedMilliseconds);
        if (unknown.Count > 0) notices.Add(unknown.Count == 1 ? "One of the library's papers is not in this instance and was left out."
            : $"{unknown.Count} of the library's papers are not in this instance and were left out.");

        if (known.Count == 1 && negatives.Count == 0 && request.Candidates is null && request.Model == RecommendModel.Hybrid)
            return await FromRelatedAsync(request, known[0], unknown, notices, clock, ct);

        var k = request.Candidates is null ? Math.Clamp(request.K, 1, RecommendRequest.MaxK) : RecommendRequest.MaxCandidates;
        LibraryPool pool;
        IReadOnlyDictionary<string, IReadOnlyList<string>> shared;
        IReadOnlyDictionary<string, string> words;
        bool partial;
        List<(int Index, double Score, double? Membership)> order;
        using (var snapshot = index.Snapshot())
        {
            (pool, partial) = Pool(snapshot, request, known, negatives, o);
            if (!pool.Semantic && request.Model != RecommendModel.Bm25) notices.Add(NoVectorsNotice);
            order = Rank(pool, request.Model, o, k);
            shared = snapshot.SharedTerms(pool.Terms, order.Select(r => pool.Ids[r.Index]).ToList());
            words = SearchSnapshot.SurfaceForms(string.Join('\n', LibraryText(snapshot, known)), pool.Terms.Select(t => t.Term));
        }
        if (partial) notices.Add(Search.SearchService.PartialNotice);

        var ids = order.Select(r => pool.Ids[r.Index]).ToList();
        var becauseIds = order.SelectMany(r => pool.Because[r.Index].Select(b => b.Id)).Distinct().ToList();
        var papers = (await store.GetManyAsync(ids.Concat(becauseIds).Distinct().ToList(), ct)).ToDictionary(p => p.Id);
        var tldrs = await store.GetTldrsAsync(ids, ct);
        string Word(string term) => words.GetValueOrDefault(term, term);
        var hits = order.Where(r => papers.ContainsKey(pool.Ids[r.Index])).Select(r =>
        {
            var p = papers[pool.Ids[r.Index]];
            var because = pool.Because[r.Index].Where(b => papers.ContainsKey(b.Id))
                .Select(b => new LibraryNeighbour(b.Id, papers[b.Id].Title, Math.Round(b.Cosine, 4))).ToList();
            return new Recommendation(p.Id, p.Title, p.Authors, p.Categories, p.EffectiveDate, r.Score, r.Membership, because,
                shared.GetValueOrDefault(p.Id, []).Select(Word).ToList()) { Abstract = p.Abstract, Tldr = tldrs.GetValueOrDefault(p.Id) };
        }).ToList();
        var model = pool.Semantic || request.Model == RecommendModel.Bm25 ? ModelName(request.Model) : "keywords";
        return new RecommendResult(hits, pool.Terms.Select(t => Word(t.Term)).ToList(), unknown, notices, model, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The candidate pool of a library (for <c>tune --task library</c>): every side, whatever the request's model, under
    /// <paramref name="with"/> (default the current options) so a tuner can try another ridge; the fusion weights play no part
    /// in it, so one pool serves every weight tried.
    /// </summary>
    public LibraryPool Pool(RecommendRequest request, LibraryOptions? with = null)
    {
        using var snapshot = index.Snapshot();
        var known = Split(snapshot, request.Positives).Known;
        var negatives = Split(snapshot, request.Negatives).Known.Where(id => !known.Contains(id)).ToList();
        return Pool(snapshot, request with { Model = RecommendModel.Hybrid }, known, negatives, with ?? options.CurrentValue).Pool;
    }

    private static (List<string> Known, List<string> Unknown) Split(SearchSnapshot snapshot, IReadOnlyList<string> ids)
    {
        var distinct = ids.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var known = distinct.Where(id => snapshot.TextOf(id) is not null).ToList();
        return (known, distinct.Except(known).ToList());
    }

    /// <summary>The library's text for its keywords: titles and abstracts of the most recently added papers.</summary>
    private static IEnumerable<string> LibraryText(SearchSnapshot snapshot, IReadOnlyList<string> known) =>
        known.TakeLast(MaxTextPapers).Select(id => snapshot.TextOf(id) ?? "");

    private (LibraryPool Pool, bool Partial) Pool(SearchSnapshot snapshot, RecommendRequest r, List<string> known, List<string> negatives, LibraryOptions o)
    {
        var exclude = known.Concat(negatives).Concat(r.Exclude).ToHashSet(StringComparer.Ordinal);
        var filters = new IndexSearchRequest(null, r.Categories, r.From, r.To);
        // A term only one library paper has says little about the library; two library papers or more must share it,
        // unless the library is that small.
        var terms = snapshot.SelectTerms(string.Join('\n', LibraryText(snapshot, known)), o.MaxTerms, minDocFreq: 2, o.MaxPostings);

        var positiveVectors = known.TakeLast(MaxComparedPapers).Select(id => (Id: id, Vector: vectors.VectorOf(id)))
            .Where(p => p.Vector is not null).Select(p => (p.Id, Vector: p.Vector!.Value)).ToList();
        var semantic = positiveVectors.Count > 0 && vectors.FeatureDimension > 0;
        (float[] Query, float Offset)? linear = semantic ? LinearModel(known, negatives, exclude, o) : null;
        float[]? centroid = semantic && r.Model == RecommendModel.Centroid ? Centroid(positiveVectors.Select(p => p.Vector)) : null;

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddAll(IEnumerable<string> more) { foreach (var id in more) if (!exclude.Contains(id) && seen.Add(id)) ids.Add(id); }
        var lexical = IndexSearchResult.Empty;
        if (r.Candidates is { } candidates)
            AddAll(snapshot.PassingFilters(candidates.Distinct(StringComparer.Ordinal).Take(RecommendRequest.MaxCandidates).ToList(), filters)
                .Where(id => snapshot.TextOf(id) is not null));
        else
        {
            lexical = snapshot.SearchLike(terms, filters, exclude, o.PoolPerSide, o.TimeBudget);
            AddAll(lexical.Hits.Select(h => h.Id));
            if (linear is { } l) AddAll(vectors.NearestPassing(l.Query, o.PoolPerSide, snapshot, filters, exclude).Select(n => n.Id));
            if (centroid is not null) AddAll(vectors.NearestPassing(centroid, o.PoolPerSide, snapshot, filters, exclude).Select(n => n.Id));
            // The seeds share one side's pool between them, at least 10 neighbours each.
            var seeds = positiveVectors.TakeLast(o.NeighbourSeeds).ToList();
            var perSeed = Math.Max(10, o.PoolPerSide / Math.Max(1, seeds.Count));
            foreach (var (_, vector) in seeds)
                AddAll(vectors.NearestPassing(vector.Span, perSeed, snapshot, filters, exclude).Select(n => n.Id));
        }

        var bm25ById = lexical.Hits.ToDictionary(h => h.Id, h => (double)h.Score, StringComparer.Ordinal);
        foreach (var (id, score) in snapshot.ScoreLike(terms, ids.Where(id => !bm25ById.ContainsKey(id)).ToList())) bm25ById[id] = score;
        var bm25 = ids.Select(id => bm25ById.GetValueOrDefault(id)).ToArray();
        var linearScores = linear is { } lq ? vectors.Cosines(lq.Query, ids).Select(s => s + lq.Offset).ToArray() : new double?[ids.Count];
        var centroidScores = centroid is not null ? vectors.Cosines(centroid, ids) : new double?[ids.Count];
        var (nearest, because) = NearestLibraryPapers(ids, positiveVectors);
        return (new LibraryPool(ids, linearScores, nearest, bm25, centroidScores, because, terms, semantic), lexical.Partial);
    }

    /// <summary>
    /// The linear scorer as a query over the vectors: library papers (label 1, together weighing as much as the sample)
    /// against a seeded sample of the catalog and the dismissed papers (label 0; a dismissed one weighs
    /// <c>Library:NegativeWeight</c> sampled ones).
    /// </summary>
    private (float[] Query, float Offset)? LinearModel(List<string> known, List<string> negatives, HashSet<string> exclude, LibraryOptions o)
    {
        var (positives, _) = vectors.FeaturesOf(known);
        var (others, sampled) = vectors.FeaturesOf(vectors.Sample(o.SampleSize + exclude.Count, SampleSeed).Where(id => !exclude.Contains(id)).Take(o.SampleSize));
        var (dismissed, dismissedIds) = vectors.FeaturesOf(negatives);
        var r = vectors.FeatureDimension;
        if (r == 0) return null;
        var nPos = positives.Length / r;
        if (nPos == 0 || sampled.Count + dismissedIds.Count == 0) return null;
        var n = nPos + sampled.Count + dismissedIds.Count;
        var rows = new float[n * r];
        positives.CopyTo(rows, 0);
        others.CopyTo(rows, nPos * r);
        dismissed.CopyTo(rows, (nPos + sampled.Count) * r);
        var labels = new float[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i < nPos ? 1 : 0;
            weights[i] = i < nPos ? (float)sampled.Count / nPos : i < nPos + sampled.Count ? 1 : (float)o.NegativeWeight;
        }
        var scorer = RidgeScorer.Fit(rows, r, labels, weights, o.Lambda);
        return vectors.LinearQuery(scorer.Weights, scorer.Bias);
    }

    private static float[] Centroid(IEnumerable<ReadOnlyMemory<float>> rows)
    {
        float[]? mean = null;
        foreach (var row in rows)
        {
            mean ??= new float[row.Length];
            TensorPrimitives.Add(mean, row.Span, mean);
        }
        var norm = TensorPrimitives.Norm(mean!);
        if (norm > 0) TensorPrimitives.Divide(mean!, norm, mean!);
        return mean!;
    }

    /// <summary>Each candidate's cosine to its nearest library paper, and its two nearest library papers (the "because").</summary>
    private (double?[] Nearest, (string Id, double Cosine)[][] Because) NearestLibraryPapers(List<string> ids, List<(string Id, ReadOnlyMemory<float> Vector)> library)
    {
        var nearest = new double?[ids.Count];
        var because = new (string, double)[ids.Count][];
        var flat = library.Count == 0 ? [] : new float[library.Count * library[0].Vector.Length];
        for (var i = 0; i < library.Count; i++) library[i].Vector.Span.CopyTo(flat.AsSpan(i * library[i].Vector.Length));
        Parallel.For(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            because[c] = [];
            if (library.Count == 0 || vectors.VectorOf(ids[c]) is not { } v) return;
            var d = v.Length;
            var (best, second) = ((-1, double.NegativeInfinity), (-1, double.NegativeInfinity));
            for (var j = 0; j < library.Count; j++)
            {
                double s = TensorPrimitives.Dot(v.Span, flat.AsSpan(j * d, d));
                if (s > best.Item2) (second, best) = (best, (j, s));
                else if (s > second.Item2) second = (j, s);
            }
            nearest[c] = best.Item2;
            because[c] = second.Item1 >= 0 ? [(library[best.Item1].Id, best.Item2), (library[second.Item1].Id, second.Item2)] : [(library[best.Item1].Id, best.Item2)];
        });
        return (nearest, because);
    }

    /// <summary>The order of the pool by the request's model: fused with membership for hybrid, one side alone for a baseline.</summary>
    public static List<(int Index, double Score, double? Membership)> Rank(LibraryPool pool, RecommendModel model, LibraryOptions o, int k)
    {
        var n = pool.Ids.Count;
        if (n == 0) return [];
        double?[]? alone = model switch
        {
            RecommendModel.Ridge => pool.Linear,
            RecommendModel.Nearest => pool.Nearest,
            RecommendModel.Centroid => pool.Centroid,
            _ => null,
        };
        if (!pool.Semantic || model == RecommendModel.Bm25)
            return Enumerable.Range(0, n).OrderByDescending(i => pool.Bm25[i]).ThenBy(i => i).Take(k)
                .Select(i => (i, pool.Bm25[i], (double?)null)).ToList();
        if (alone is not null)
            return Enumerable.Range(0, n).Where(i => alone[i].HasValue).OrderByDescending(i => alone[i]).ThenBy(i => i).Take(k)
                .Select(i => (i, alone[i]!.Value, (double?)null)).ToList();
        var fused = Fuse(pool, o.Weights());
        var membership = new double[n];
        SmoothTopK.Compute(fused, Math.Min(k, n), o.Tau, membership);
        return Enumerable.Range(0, n).OrderByDescending(i => fused[i]).ThenByDescending(i => pool.Bm25[i]).ThenBy(i => i).Take(k)
            .Select(i => (i, Math.Round(fused[i], 6), (double?)Math.Round(membership[i], 4))).ToList();
    }

    /// <summary>Each side min-max normalised within the pool (a missing value gets the side's median), then weighted.</summary>
    public static double[] Fuse(LibraryPool pool, (double Linear, double Nearest, double Bm25) w)
    {
        var linear = ScoreNormalization.Normalize(HybridFusion.ImputeMissing(pool.Linear), NormalizationKind.MinMax);
        var nearest = ScoreNormalization.Normalize(HybridFusion.ImputeMissing(pool.Nearest), NormalizationKind.MinMax);
        var bm25 = ScoreNormalization.Normalize(pool.Bm25, NormalizationKind.MinMax);
        var fused = new double[pool.Ids.Count];
        for (var i = 0; i < fused.Length; i++) fused[i] = w.Linear * linear[i] + w.Nearest * nearest[i] + w.Bm25 * bm25[i];
        return fused;
    }


    /// <summary>A library of one paper: that paper's related list (the product's related-work pipeline).</summary>
    private async Task<RecommendResult> FromRelatedAsync(RecommendRequest request, string id, List<string> unknown, List<string> notices,
        Stopwatch clock, CancellationToken ct)
    {
        var result = await related.FindAsync(new RelatedWorkRequest
        {
            Ids = [id], K = Math.Clamp(request.K, 1, RecommendRequest.MaxK), Categories = request.Categories,
            From = request.From, To = request.To, Exclude = request.Exclude,
        }, ct);
        var title = result.Recognised.FirstOrDefault(r => r.Id == id)?.Title ?? id;
        notices.Add("With one paper in the library, these are that paper's related papers; star more to teach the model what you read.");
        notices.AddRange(result.Notices);
        var hits = result.Hits.Select(h => new Recommendation(h.Id, h.Title, h.Authors, h.Categories, h.Date, h.Score, h.Explain.Membership,
            h.Explain.Cosine is { } c ? [new LibraryNeighbour(id, title, Math.Round(c, 4))] : [], h.SharedTerms) { Abstract = h.Abstract, Tldr = h.Tldr }).ToList();
        return new RecommendResult(hits, result.Terms, unknown, notices, "related", clock.ElapsedMilliseconds);
    }

    private static string ModelName(RecommendModel m) => m.ToString().ToLowerInvariant();
}
