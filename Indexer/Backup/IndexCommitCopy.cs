using Lucene.Net.Index;
using Lucene.Net.Store;
using PaperSearch.Indexer.Index;

namespace PaperSearch.Indexer.Backup;

/// <summary>
/// Copies the last commit of the live index generation without the writer's help, so it works from another
/// process while the server keeps indexing. Lucene files are write-once; the only hazard is the writer deleting
/// an older commit's files after a newer commit (or a reindex deleting the whole generation). So every file of
/// the commit is opened first: an open handle keeps a deleted file's bytes readable on Linux and with
/// FileShare.Delete on Windows. A file already gone means a newer commit exists: start over with it.
/// </summary>
internal static class IndexCommitCopy
{
    private const int MaxAttempts = 20;

    public static (string Generation, long CommittedSeq, int Files, long Bytes) Copy(string indexRoot, string targetRoot, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var generation = new GenerationFolder(indexRoot).Published()
                ?? throw new BackupRefusedException($"No index at {indexRoot} (its CURRENT pointer file is missing).");
            var opened = new List<(string Name, FileStream Stream)>();
            try
            {
                long seq;
                try { seq = OpenCommit(Path.Combine(indexRoot, generation), opened); }
                catch (Exception e) when (attempt < MaxAttempts && e is FileNotFoundException or DirectoryNotFoundException or IOException)
                {
                    continue; // a commit or a reindex raced us; the next pointer/segments file is complete
                }
                var target = Path.Combine(targetRoot, generation);
                System.IO.Directory.CreateDirectory(target);
                long bytes = 0;
                foreach (var (name, stream) in opened)
                {
                    using var output = File.Create(Path.Combine(target, name));
                    stream.CopyTo(output);
                    output.Flush(flushToDisk: true);
                    bytes += output.Length;
                }
                new GenerationFolder(targetRoot).Publish(generation);
                return (generation, seq, opened.Count, bytes);
            }
            finally
            {
                foreach (var (_, stream) in opened) stream.Dispose();
            }
        }
    }

    /// <summary>Reads the newest segments_N and opens every file it names; returns the store Seq that commit covers.</summary>
    private static long OpenCommit(string generationPath, List<(string, FileStream)> opened)
    {
        using var dir = FSDirectory.Open(generationPath);
        var infos = new SegmentInfos();
        infos.Read(dir);
        foreach (var name in infos.GetFiles(dir, includeSegmentsFile: true))
        {
            var stream = new FileStream(Path.Combine(generationPath, name), FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
            opened.Add((name, stream));
        }
        return IndexGeneration.SeqOf(infos.UserData);
    }

    /// <summary>True when an IndexWriter (ours or another process's) holds the generation's write lock.</summary>
    public static bool IsWriterOpen(string indexRoot)
    {
        var generation = new GenerationFolder(indexRoot).Published();
        if (generation is null || !System.IO.Directory.Exists(Path.Combine(indexRoot, generation))) return false;
        using var dir = FSDirectory.Open(Path.Combine(indexRoot, generation));
        return IndexWriter.IsLocked(dir);
    }
}
