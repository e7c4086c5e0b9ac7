using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One physical index (a <see cref="GenerationFolder"/> folder <c>gN/</c>) with its searcher manager: NRT over the
/// writer in the writing process, or over the last commit (<see cref="DirectoryReader"/>, no <c>write.lock</c>) in a
/// read-only replica. Which generation is live, and when the others go, is <see cref="GenerationFolder"/>'s business.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    /// <summary>Commit user-data key holding the store Seq a commit covers.</summary>
    internal const string SeqKey = "seq";

    private readonly IndexWriter? _writer;
    private readonly BaseDirectory _luceneDirectory;
    private long _committedSeq;

    private IndexGeneration(string name, string path, BaseDirectory directory, IndexWriter? writer, SearcherManager searchers)
    {
        Name = name;
        Path = path;
        _luceneDirectory = directory;
        _writer = writer;
        Searchers = searchers;
        _committedSeq = writer is null ? 0 : SeqOf(writer.CommitData);
    }

    public string Name { get; }
    public string Path { get; }
    public SearcherManager Searchers { get; }

    /// <summary>The writer; only <see cref="PaperIndexWriter"/> holds generations opened for writing.</summary>
    public IndexWriter Writer => _writer ?? throw new InvalidOperationException($"Generation '{Name}' was opened for reading.");

    /// <summary>The store Seq this generation's last commit covers (opened for reading: the commit it currently searches).</summary>
    public long CommittedSeq => _writer is null ? WithSearcher(SeqOf) : _committedSeq;

    /// <summary>
    /// Opens the generation <c>CURRENT</c> names for writing, or creates the first one. A generation that cannot be
    /// opened (files deleted or truncated behind our back) is replaced by a fresh, empty one at Seq 0, so the catch-up
    /// that follows rebuilds it from the store; <paramref name="problem"/> then says what was wrong. A lock held by
    /// another process is not damage and is rethrown.
    /// </summary>
    public static IndexGeneration OpenCurrentForWriting(GenerationFolder folder, IndexOptions options, out string? problem)
    {
        problem = null;
        System.IO.Directory.CreateDirectory(folder.Root);
        var name = folder.Published();
        if (name is null)
        {
            var first = OpenForWriting(folder, "g1", options);
            first.Commit(0);
            folder.Publish(first.Name);
            return first;
        }
        // Leftovers of a reindex that crashed before publishing, and generations retired long enough ago.
        folder.Sweep(name, options.RetiredGeneration, includeUnpublished: true);
        try { return OpenChecked(folder, name, options); }
        catch (IOException e) when (e is not LockObtainFailedException)
        {
            problem = $"index generation '{name}' could not be opened ({e.GetType().Name}: {e.Message}); started a fresh one to rebuild from the store";
            var fresh = CreateNext(folder, options);
            fresh.Commit(0);
            folder.Publish(fresh.Name);
            GenerationFolder.Delete(folder.PathOf(name)); // damaged: no reader can use it either
            return fresh;
        }
    }

    /// <summary>A fresh, empty generation for writing beside the current one (not published).</summary>
    public static IndexGeneration CreateNext(GenerationFolder folder, IndexOptions options) =>
        OpenForWriting(folder, folder.NextName(), options);

    /// <summary>
    /// Opens the generation <c>CURRENT</c> names for reading (its last commit), or an empty in-memory index when no
    /// writer has published one yet. Never creates, locks or deletes anything in the folder.
    /// </summary>
    public static IndexGeneration OpenPublished(GenerationFolder folder, IndexOptions options)
    {
        var name = folder.Published();
        if (name is null) return OpenEmpty(options);
        var path = folder.PathOf(name);
        var dir = FSDirectory.Open(path);
        try { return new IndexGeneration(name, path, dir, null, new SearcherManager(dir, new Bm25SearcherFactory(options.Bm25K1, options.Bm25B))); }
        catch { dir.Dispose(); throw; }
    }

    public void Commit(long seq)
    {
        Writer.SetCommitData(new Dictionary<string, string> { [SeqKey] = seq.ToString(CultureInfo.InvariantCulture) });
        Writer.Commit();
        _committedSeq = seq;
    }

    public void Dispose()
    {
        Searchers.Dispose();
        _writer?.Dispose();
        _luceneDirectory.Dispose();
    }

    /// <summary>Opens a generation for writing and checks it can be searched (a missing segment file only shows when read).</summary>
    private static IndexGeneration OpenChecked(GenerationFolder folder, string name, IndexOptions options)
    {
        var gen = OpenForWriting(folder, name, options);
        try
        {
            gen.WithSearcher(s =>
            {
                foreach (var leaf in s.IndexReader.Leaves) _ = leaf.AtomicReader.GetSortedDocValues(IndexFields.Id);
                return 0;
            });
            return gen;
        }
        catch
        {
            try { gen.Dispose(); } catch (IOException) { /* already broken */ }
            throw;
        }
    }

    private static IndexGeneration OpenForWriting(GenerationFolder folder, string name, IndexOptions options)
    {
        var path = folder.PathOf(name);
        var dir = FSDirectory.Open(path);
        var config = new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferMb,
        };
        IndexWriter? writer = null;
        try
        {
            writer = new IndexWriter(dir, config);
            var searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory(options.Bm25K1, options.Bm25B));
            return new IndexGeneration(name, path, dir, writer, searchers);
        }
        catch
        {
            // A damaged index: let go of the write lock and files without committing anything.
            try { writer?.Rollback(); } catch (IOException) { }
            dir.Dispose();
            throw;
        }
    }

    /// <summary>A reader's stand-in before anything is published: one empty commit in memory.</summary>
    private static IndexGeneration OpenEmpty(IndexOptions options)
    {
        var dir = new RAMDirectory();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Analyzer))) writer.Commit();
        return new IndexGeneration("", "", dir, null, new SearcherManager(dir, new Bm25SearcherFactory(options.Bm25K1, options.Bm25B)));
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> read)
    {
        var s = Searchers.Acquire();
        try { return read(s); }
        finally { Searchers.Release(s); }
    }

    /// <summary>The store Seq of the commit a searcher over a commit (not NRT) reads.</summary>
    internal static long SeqOf(IndexSearcher searcher) =>
        searcher.IndexReader is DirectoryReader { IndexCommit: { } commit } ? SeqOf(commit.UserData) : 0;

    internal static long SeqOf(IDictionary<string, string> userData) =>
        userData.TryGetValue(SeqKey, out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var seq) ? seq : 0;

    /// <summary>k1 and b only matter when scoring (norms encode length alone), so searchers carry the configured ones.</summary>
    private sealed class Bm25SearcherFactory(float k1, float b) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity(k1, b) };
    }
}
