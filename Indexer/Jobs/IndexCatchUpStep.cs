using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Jobs;

/// <summary>
/// First nightly step: replay every store change the index has not seen (imports or harvests from another
/// process, a crash between the two commits). Merging follows in <see cref="IndexMergeStep"/>.
/// </summary>
public sealed class IndexCatchUpStep(PaperIndex index) : INightlyStep
{
    public int Order => 100;
    public string Name => "index-catch-up";
    public Task RunAsync(CancellationToken ct) => index.CatchUpAsync(ct: ct);
}
