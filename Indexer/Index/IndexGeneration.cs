using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Directory = Lucene.Net.Store.Directory;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// One physical index (<c>{root}/gN/</c>) with its searcher manager: NRT over the writer in the indexer, or over
/// the last commit (<see cref="DirectoryReader"/>, no <c>write.lock</c>) in a read-only web replica. A reindex builds a
/// new generation beside the live one and <see cref="Publish"/>es it by rewriting the <c>CURRENT</c> pointer file, an
/// atomic rename, so neither this process nor a reader process ever opens a half-built index. The generation it
/// replaces stays on disk for <see cref="IndexOptions.RetiredGenerationGraceSeconds"/>: readers in other processes
/// may still be searching it until their next refresh.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    internal const string Pointer = "CURRENT";
    /// <summary>Commit user-data key holding the store Seq a commit covers.</summary>
    internal const string SeqKey = "seq";

    private readonly IndexWriter? _writer;
    private long _committedSeq;

    private IndexGeneration(string name, string path, Directory directory, IndexWriter? writer, SearcherManager searchers)
    {
        Name = name;
        Path = path;
        Directory = directory;
        _writer = writer;
        Searchers = searchers;
        _committedSeq = writer is null ? 0 : SeqOf(writer.CommitData);
    }

    public string Name { get; }
    public string Path { get; }
    public Directory Directory { get; }
    public SearcherManager Searchers { get; }
    public bool IsReadOnly => _writer is null;

    public IndexWriter Writer => _writer ?? throw new InvalidOperationException(
        "This process opened the index read-only (role 'web'); only the indexer writes it.");

    /// <summary>The store Seq this generation's last commit covers (a reader: the commit it currently searches).</summary>
    public long CommittedSeq => _writer is null ? WithSearcher(SeqOf) : _committedSeq;

    /// <summary>
    /// Opens the generation <c>CURRENT</c> names for writing, or creates the first one. A generation that cannot be
    /// opened (files deleted or truncated behind our back) is replaced by a fresh, empty one at Seq 0, so the catch-up
    /// that follows rebuilds it from the store; <paramref name="problem"/> then says what was wrong. A lock held by
    /// another process is not damage and is rethrown.
    /// </summary>
    public static IndexGeneration OpenCurrent(string root, IndexOptions options, out string? problem)
    {
        problem = null;
        System.IO.Directory.CreateDirectory(root);
        var name = ReadPointer(root);
        if (name is null)
        {
            var first = OpenWriter(root, "g1", options);
            first.Commit(0);
            Publish(root, first.Name);
            return first;
        }
        // Leftovers of a reindex that crashed before publishing, and generations retired long enough ago.
        Sweep(root, name, options.RetiredGeneration, includeUnpublished: true);
        try { return OpenChecked(root, name, options); }
        catch (IOException e) when (e is not LockObtainFailedException)
        {
            problem = $"index generation '{name}' could not be opened ({e.GetType().Name}: {e.Message}); started a fresh one to rebuild from the store";
            var fresh = CreateNext(root, options);
            fresh.Commit(0);
            Publish(root, fresh.Name);
            DeleteFolder(System.IO.Path.Combine(root, name)); // damaged: no reader can use it either
            return fresh;
        }
    }

    /// <summary>Opens a generation for writing and checks it can be searched (a missing segment file only shows when read).</summary>
    private static IndexGeneration OpenChecked(string root, string name, IndexOptions options)
    {
        var gen = OpenWriter(root, name, options);
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

    /// <summary>
    /// Opens the generation <c>CURRENT</c> names read-only (its last commit), or an empty in-memory index when no
    /// indexer has published one yet. Never creates, locks or deletes anything under <paramref name="root"/>.
    /// </summary>
    public static IndexGeneration OpenPublished(string root, IndexOptions options)
    {
        var name = ReadPointer(root);
        if (name is null) return OpenEmpty(options);
        var path = System.IO.Path.Combine(root, name);
        var dir = FSDirectory.Open(path);
        try { return new IndexGeneration(name, path, dir, null, new SearcherManager(dir, new Bm25SearcherFactory(options.Bm25K1, options.Bm25B))); }
        catch { dir.Dispose(); throw; }
    }

    /// <summary>The generation name <c>CURRENT</c> points to, or null when there is no index yet.</summary>
    public static string? ReadPointer(string root)
    {
        var pointer = System.IO.Path.Combine(root, Pointer);
        string? name;
        try { name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null; }
        catch (FileNotFoundException) { name = null; }
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>A fresh, empty generation beside the current one (not published).</summary>
    public static IndexGeneration CreateNext(string root, IndexOptions options)
    {
        var next = Generations(root).Select(g => g.Number).DefaultIfEmpty(0).Max() + 1;
        var name = "g" + next.ToString(CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(root, name);
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        return OpenWriter(root, name, options);
    }

    public void Commit(long seq)
    {
        Writer.SetCommitData(new Dictionary<string, string> { [SeqKey] = seq.ToString(CultureInfo.InvariantCulture) });
        Writer.Commit();
        _committedSeq = seq;
    }

    public static void Publish(string root, string name)
    {
        var tmp = System.IO.Path.Combine(root, Pointer + ".tmp");
        File.WriteAllText(tmp, name);
        File.Move(tmp, System.IO.Path.Combine(root, Pointer), overwrite: true);
    }

    /// <summary>
    /// Deletes generations older than <paramref name="current"/> once <c>CURRENT</c> has named a newer one for at least
    /// <paramref name="grace"/> (its last write is when they were retired), and — only when no reindex can be running,
    /// i.e. at open — the unpublished ones newer than it. A folder still held open elsewhere is retried next time.
    /// </summary>
    public static void Sweep(string root, string current, TimeSpan grace, bool includeUnpublished)
    {
        var currentNumber = NumberOf(current);
        var retiredAt = File.GetLastWriteTimeUtc(System.IO.Path.Combine(root, Pointer));
        var graceOver = DateTime.UtcNow - retiredAt >= grace;
        foreach (var (name, number) in Generations(root))
        {
            if (name == current) continue;
            var delete = number < currentNumber ? graceOver : includeUnpublished;
            if (delete) DeleteFolder(System.IO.Path.Combine(root, name));
        }
    }

    public static void DeleteFolder(string path)
    {
        try { System.IO.Directory.Delete(path, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { /* still mapped by a reader somewhere; the next sweep retries */ }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        Searchers.Dispose();
        _writer?.Dispose();
        Directory.Dispose();
    }

    private static IndexGeneration OpenWriter(string root, string name, IndexOptions options)
    {
        var path = System.IO.Path.Combine(root, name);
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

    /// <summary>A reader's stand-in before the indexer has published anything: one empty commit in memory.</summary>
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

    /// <summary>The store Seq of the commit a read-only searcher reads.</summary>
    internal static long SeqOf(IndexSearcher searcher) =>
        searcher.IndexReader is DirectoryReader { IndexCommit: { } commit } ? SeqOf(commit.UserData) : 0;

    private static long SeqOf(IDictionary<string, string> userData) =>
        userData.TryGetValue(SeqKey, out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var seq) ? seq : 0;

    private static int NumberOf(string name) =>
        name.Length > 1 && name[0] == 'g' && int.TryParse(name.AsSpan(1), CultureInfo.InvariantCulture, out var i) ? i : 0;

    private static IEnumerable<(string Name, int Number)> Generations(string root) =>
        System.IO.Directory.GetDirectories(root).Select(d => System.IO.Path.GetFileName(d))
            .Select(n => (n, NumberOf(n))).Where(g => g.Item2 > 0);

    /// <summary>k1 and b only matter when scoring (norms encode length alone), so searchers carry the configured ones.</summary>
    private sealed class Bm25SearcherFactory(float k1, float b) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity(k1, b) };
    }
}
