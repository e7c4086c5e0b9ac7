using System.ComponentModel.DataAnnotations;

namespace PaperSearch.Indexer.Index;

/// <summary>Section <c>Index</c>. The index lives in <c>{data dir}/index</c> (<see cref="DataPaths.Index"/>).</summary>
public sealed class IndexOptions
{
    public const string Section = "Index";

    /// <summary>How often the background refresh makes recent updates searchable.</summary>
    [Range(1, 3_600_000, ErrorMessage = "Index:RefreshIntervalMs must be 1..3600000.")]
    public int RefreshIntervalMs { get; set; } = 1000;

    /// <summary>
    /// Read-only replicas (role <c>web</c>): how often to look for a new commit of the indexer or a new generation in
    /// <c>CURRENT</c>. Papers the indexer commits become searchable in a replica within this many seconds.
    /// </summary>
    [Range(1, 86_400, ErrorMessage = "Index:RefreshSeconds must be 1..86400.")]
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>
    /// Where a <c>web</c> replica's index comes from. <c>published</c> (default): the generation the indexer publishes
    /// in the shared <c>{data dir}/index</c> (one host, or a copy per host). <c>store</c>: the replica builds and keeps
    /// its own index under its own data dir from the store, following its <c>Seq</c> every <see cref="RefreshSeconds"/>
    /// (<see cref="StoreFollower"/>); it needs no folder shared with the indexer, only the store (PostgreSQL, read
    /// through <c>ConnectionStrings:PaperSearchRead</c> when set).
    /// </summary>
    [RegularExpression("^(?i)(published|store)$", ErrorMessage = "Index:Source must be published or store.")]
    public string Source { get; set; } = PublishedSource;

    public const string PublishedSource = "published";
    public const string StoreSource = "store";

    /// <summary>True when <see cref="Source"/> is <c>store</c> (case-insensitive).</summary>
    public bool FollowsStore => string.Equals(Source?.Trim(), StoreSource, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How long a generation replaced by a reindex stays on disk: replicas in other processes may still search it
    /// until their next refresh, so this must be well above <see cref="RefreshSeconds"/>.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Index:RetiredGenerationGraceSeconds must be >= 0.")]
    public int RetiredGenerationGraceSeconds { get; set; } = 600;

    /// <summary>
    /// At start, an index at most this many store changes behind is caught up before the server listens (a crash's
    /// missed batch: seconds). Further behind (a new or lost index folder, a store copied in) the catch-up runs in
    /// the background while the server answers, papers becoming searchable as they are indexed, and
    /// <c>/health/ready</c> reports the progress.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Index:StartupCatchUpLimit must be >= 0.")]
    public int StartupCatchUpLimit { get; set; } = 10_000;

    /// <summary>IndexWriter RAM buffer; larger buffers mean fewer, bigger segments during bulk imports.</summary>
    [Range(1, 2047, ErrorMessage = "Index:RamBufferMb must be 1..2047 (Lucene's limit).")]
    public double RamBufferMb { get; set; } = 128;

    /// <summary>
    /// BM25 term-frequency saturation. Applied at search time only (Lucene's norms do not depend on k1 or b), so
    /// changing it needs no reindex. Defaults are Anserini's BM25 settings, checked on SciFact's train qrels.
    /// </summary>
    [Range(0f, 100f, ErrorMessage = "Index:Bm25K1 must be 0..100.")]
    public float Bm25K1 { get; set; } = 0.9f;

    /// <summary>BM25 length normalisation (0 = none, 1 = full). Search time only, like <see cref="Bm25K1"/>.</summary>
    [Range(0f, 1f, ErrorMessage = "Index:Bm25B must be in [0, 1].")]
    public float Bm25B { get; set; } = 0.4f;

    /// <summary>
    /// Extra weight of the title field on top of the combined title + abstract field that free text scores
    /// against (so a title word counts 1 + TitleBoost times). Search time only. Default 0 from SciFact train
    /// (nDCG@10 0.7045 at 0 vs 0.6972 at 0.5): the exact-title phrase clause already finds papers by title.
    /// </summary>
    [Range(0f, 100f, ErrorMessage = "Index:TitleBoost must be 0..100.")]
    public float TitleBoost { get; set; } = 0f;

    /// <summary>
    /// Weight of the clause that rewards a paper whose title holds every word of a short query (2 to 8 words), in any
    /// order: what a reader typing a few title words means. Search time only; 0 turns it off. See the README's
    /// ranking section for the rows measured.
    /// </summary>
    [Range(0f, 100f, ErrorMessage = "Index:TitleWordsBoost must be 0..100.")]
    public float TitleWordsBoost { get; set; } = 1f;

    internal TimeSpan RetiredGeneration => TimeSpan.FromSeconds(RetiredGenerationGraceSeconds);

    internal QueryWeights Weights => new(TitleBoost, TitleWordsBoost);
}
