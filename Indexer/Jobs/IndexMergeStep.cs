using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// Nightly "merge/optimise", after the catch-up: merges the index to a few segments so the day's many small
/// NRT segments and the deletes left by updates stop costing every query. Five segments rather than one: a
/// full merge rewrites the whole index every night for little extra search speed.
/// </summary>
public sealed class IndexMergeStep(PaperIndexWriter index) : INightlyStep
{
    public const int MaxSegments = 5;

    public string Name => "index-merge";
    public Task RunAsync(CancellationToken ct) => index.ForceMergeAsync(MaxSegments, ct);
}
