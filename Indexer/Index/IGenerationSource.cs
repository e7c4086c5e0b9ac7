using Lucene.Net.Search;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// Where a <see cref="PaperSearcher"/> finds the generation to search: the writer's own (NRT, in a writing process,
/// <see cref="PaperIndexWriter"/>) or the one last published on disk (a replica, <see cref="PublishedGenerations"/>).
/// </summary>
internal interface IGenerationSource
{
    IndexGeneration Current { get; }

    /// <summary>Makes what is new searchable: the writer's applied changes, or the latest commit or published generation.</summary>
    void Refresh();

    /// <summary>The store Seqs <paramref name="searcher"/> covers: committed (durable) and applied (searchable).</summary>
    (long Committed, long Applied) SeqsOf(IndexSearcher searcher);
}
