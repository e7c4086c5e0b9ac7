using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Directory = Lucene.Net.Store.Directory;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One physical index (<c>{root}/gN/</c>) with its writer and NRT searcher manager. A reindex builds a new
/// generation beside the live one and <see cref="Publish"/>es it by rewriting the <c>CURRENT</c> pointer file,
/// an atomic rename, so neither this process nor a reader process ever opens a half-built index.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    internal const string Pointer = "CURRENT";
    /// <summary>Commit user-data key holding the store Seq a commit covers.</summary>
    internal const string SeqKey = "seq";

    private IndexGeneration(string root, string name, IndexOptions options)
    {
        Name = name;
        Path = System.IO.Path.Combine(root, name);
        Directory = FSDirectory.Open(Path);
        var config = new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferMb,
        };
        try
        {
            Writer = new IndexWriter(Directory, config);
            CommittedSeq = Writer.CommitData.TryGetValue(SeqKey, out var s) && long.TryParse(s, out var seq) ? seq : 0;
            Searchers = new SearcherManager(Writer, applyAllDeletes: true, new Bm25SearcherFactory(options.Bm25K1, options.Bm25B));
        }
        catch
        {
            // A damaged index: let go of the write lock and files without committing anything.
            try { Writer?.Rollback(); } catch (IOException) { }
            Directory.Dispose();
            throw;
        }
    }

    public string Name { get; }
    public string Path { get; }
    public Directory Directory { get; }
    public IndexWriter Writer { get; }
    public SearcherManager Searchers { get; }

    /// <summary>The store Seq this generation's last commit covers.</summary>
    public long CommittedSeq { get; private set; }

    /// <summary>
    /// Opens the generation <c>CURRENT</c> names, or creates the first one. A generation that cannot be opened
    /// (files deleted or truncated behind our back) is replaced by a fresh, empty one at Seq 0, so the catch-up
    /// that follows rebuilds it from the store; <paramref name="problem"/> then says what was wrong. A lock held by
    /// another process is not damage and is rethrown.
    /// </summary>
    public static IndexGeneration OpenCurrent(string root, IndexOptions options, out string? problem)
    {
        problem = null;
        System.IO.Directory.CreateDirectory(root);
        var name = ReadPointer(root);
        if (name is null) return CreateFirst(root, "g1", options);
        DeleteAllBut(root, name); // leftovers of a reindex that crashed before publishing
        try { return Open(root, name, options); }
        catch (IOException e) when (e is not LockObtainFailedException)
        {
            problem = $"index generation '{name}' could not be opened ({e.GetType().Name}: {e.Message}); started a fresh one to rebuild from the store";
            var fresh = CreateNext(root, options);
            fresh.Commit(0);
            Publish(root, fresh.Name);
            DeleteAllBut(root, fresh.Name);
            return fresh;
        }
    }

    private static IndexGeneration CreateFirst(string root, string name, IndexOptions options)
    {
        var gen = new IndexGeneration(root, name, options);
        gen.Commit(0);
        Publish(root, name);
        return gen;
    }

    /// <summary>Opens a generation and checks it can be searched (a missing segment file only shows when read).</summary>
    private static IndexGeneration Open(string root, string name, IndexOptions options)
    {
        IndexGeneration? gen = null;
        try
        {
            gen = new IndexGeneration(root, name, options);
            var s = gen.Searchers.Acquire();
            try { foreach (var leaf in s.IndexReader.Leaves) _ = leaf.AtomicReader.GetSortedDocValues(IndexFields.Id); }
            finally { gen.Searchers.Release(s); }
            return gen;
        }
        catch
        {
            try { gen?.Dispose(); } catch (IOException) { /* already broken */ }
            throw;
        }
    }

    /// <summary>The generation name <c>CURRENT</c> points to, or null when there is no index yet.</summary>
    public static string? ReadPointer(string root)
    {
        var pointer = System.IO.Path.Combine(root, Pointer);
        var name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>A fresh, empty generation beside the current one (not published).</summary>
    public static IndexGeneration CreateNext(string root, IndexOptions options)
    {
        var next = System.IO.Directory.GetDirectories(root)
            .Select(d => System.IO.Path.GetFileName(d))
            .Select(n => n.Length > 1 && n[0] == 'g' && int.TryParse(n.AsSpan(1), out var i) ? i : 0)
            .DefaultIfEmpty(0).Max() + 1;
        var name = "g" + next;
        var path = System.IO.Path.Combine(root, name);
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        return new IndexGeneration(root, name, options);
    }

    public void Commit(long seq)
    {
        Writer.SetCommitData(new Dictionary<string, string> { [SeqKey] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Writer.Commit();
        CommittedSeq = seq;
    }

    public static void Publish(string root, string name)
    {
        var tmp = System.IO.Path.Combine(root, Pointer + ".tmp");
        File.WriteAllText(tmp, name);
        File.Move(tmp, System.IO.Path.Combine(root, Pointer), overwrite: true);
    }

    public static void DeleteAllBut(string root, string keep)
    {
        foreach (var dir in System.IO.Directory.GetDirectories(root))
        {
            if (System.IO.Path.GetFileName(dir) == keep) continue;
            try { System.IO.Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* still mapped by a reader somewhere; next open retries */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    public void Dispose()
    {
        Searchers.Dispose();
        Writer.Dispose();
        Directory.Dispose();
    }

    /// <summary>k1 and b only matter when scoring (norms encode length alone), so searchers carry the configured ones.</summary>
    private sealed class Bm25SearcherFactory(float k1, float b) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity(k1, b) };
    }
}
