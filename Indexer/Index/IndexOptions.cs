namespace PaperSearch.Indexer.Index;

/// <summary>Bound from the "Index" configuration section. The index lives in <c>{Store:DataDir}/index</c>.</summary>
public sealed class IndexOptions
{
    /// <summary>How often the background refresh makes recent updates searchable.</summary>
    public int RefreshIntervalMs { get; set; } = 1000;

    /// <summary>IndexWriter RAM buffer; larger buffers mean fewer, bigger segments during bulk imports.</summary>
    public double RamBufferMb { get; set; } = 64;
}
