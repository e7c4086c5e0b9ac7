using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperSearch.Indexer.Embeddings;

/// <summary>
/// The folder policy of the published vector files (<see cref="DataPaths.Vectors"/>): one folder per model, files
/// named by what they hold and when they were published, <c>n{count}-{stamp}.f32v</c> (count of vectors, UTC ticks in
/// hex), so a reader finds the file for the store's vector count, or the newest, by listing names. The projection is
/// not part of the name: codes are derived from the rows at load, so a refit needs no new file. Only a process that
/// <see cref="Writes"/> creates, publishes or deletes files; the others (web replicas over a read-only data volume)
/// only list and open.
/// </summary>
public sealed partial class VectorFolder(string root, bool writes)
{
    /// <summary>Temporary files older than this are a crashed writer's and are deleted; a live write takes seconds.</summary>
    private static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    public string Root { get; } = root;

    /// <summary>Whether this process publishes files (the indexer, <c>all</c>, a store-following replica).</summary>
    public bool Writes { get; } = writes;

    /// <summary>The newest file holding exactly <paramref name="count"/> vectors of <paramref name="model"/>, if any.</summary>
    public string? Find(string model, int count) => Files(model).Where(f => f.Count == count).Select(f => f.Path).FirstOrDefault();

    /// <summary>The most recently published file of <paramref name="model"/>, if any.</summary>
    public string? Newest(string model) => Files(model).Select(f => f.Path).FirstOrDefault();

    /// <summary>Where the next file of <paramref name="count"/> vectors goes (its folder created).</summary>
    public string NextPath(string model, int count)
    {
        if (!Writes) throw new InvalidOperationException("This process does not publish vector files (its data dir is read-only to it).");
        var folder = Directory.CreateDirectory(Path.Combine(Root, Sanitize(model))).FullName;
        return Path.Combine(folder, $"n{count}-{DateTime.UtcNow.Ticks:x16}.f32v");
    }

    /// <summary>
    /// Deletes every file of <paramref name="model"/> but <paramref name="current"/> and the newest one before it: a replica
    /// may have listed the previous file and be about to open it. A replica that already mapped an older one keeps
    /// reading it: on Linux a mapping outlives the unlink of its file, and the disk space is freed when it unmaps.
    /// Stale temporary files of crashed writers go too.
    /// </summary>
    public void Sweep(string model, string current)
    {
        if (!Writes) return;
        var full = Path.GetFullPath(current);
        foreach (var old in Files(model).Where(f => Path.GetFullPath(f.Path) != full).Skip(1)) TryDelete(old.Path);
        var folder = Path.Combine(Root, Sanitize(model));
        if (!Directory.Exists(folder)) return;
        foreach (var temp in Directory.EnumerateFiles(folder, "*.tmp-*"))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(temp) > StaleTemporary) TryDelete(temp);
    }

    /// <summary>A writer's temporary file: in the model's folder (so the rename is atomic) and unique to the writer.</summary>
    public string TemporaryPath(string model)
    {
        if (!Writes) throw new InvalidOperationException("This process does not publish vector files (its data dir is read-only to it).");
        var folder = Directory.CreateDirectory(Path.Combine(Root, Sanitize(model))).FullName;
        return Path.Combine(folder, $"next.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>Published files of a model, newest first.</summary>
    private IEnumerable<(string Path, int Count, long Stamp)> Files(string model)
    {
        var folder = Path.Combine(Root, Sanitize(model));
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.f32v")
            .Select(path => (Path: path, Match: Name().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Path, int.Parse(f.Match.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(f.Match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            .OrderByDescending(f => f.Item3).ToList();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { } // gone already, or busy: the next sweep tries again
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A model id as one folder name (ids are short ASCII names; anything else becomes '_').</summary>
    private static string Sanitize(string model) => string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_'));

    [GeneratedRegex(@"^n(\d{1,10})-([0-9a-f]{16})\.f32v$")]
    private static partial Regex Name();
}
