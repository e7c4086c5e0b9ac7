using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// First nightly step (the order is written in <see cref="NightlyIndexJob"/>): replay every store change the index has not seen (imports or harvests from another
/// process, a crash between the two commits). Merging follows in <see cref="IndexMergeStep"/>.
/// </summary>
public sealed class IndexCatchUpStep(PaperIndexWriter index) : INightlyStep
{
    public string Name => "index-catch-up";
    public Task RunAsync(CancellationToken ct) => index.CatchUpAsync(ct: ct);
}
