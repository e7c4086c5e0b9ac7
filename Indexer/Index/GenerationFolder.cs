using System.Globalization;

namespace PaperSearch.Indexer.Index;

/// <summary>
/// The folder policy of an index root (usually <see cref="DataPaths.Index"/>): one folder per generation (<c>g1</c>,
/// <c>g2</c>, …), the <c>CURRENT</c> pointer file naming the live one, and the sweep of the others. A reindex builds a
/// new generation beside the live one and <see cref="Publish"/>es it with an atomic rename, so no process ever opens a
/// half-built index; a replaced generation stays for a grace period because readers in other processes may still be
/// searching it until their next refresh.
/// </summary>
internal sealed class GenerationFolder(string root)
{
    public const string Pointer = "CURRENT";

    public string Root { get; } = root;

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>The generation name <c>CURRENT</c> points to, or null when there is no index yet.</summary>
    public string? Published()
    {
        var pointer = Path.Combine(Root, Pointer);
        string? name;
        try { name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null; }
        catch (FileNotFoundException) { name = null; }
        catch (DirectoryNotFoundException) { name = null; }
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>Points <c>CURRENT</c> at <paramref name="name"/>: written beside it, then renamed over it (atomic).</summary>
    public void Publish(string name)
    {
        Directory.CreateDirectory(Root);
        var tmp = Path.Combine(Root, Pointer + ".tmp");
        File.WriteAllText(tmp, name);
        File.Move(tmp, Path.Combine(Root, Pointer), overwrite: true);
    }

    /// <summary>The name for a generation after every one on disk; a leftover folder of that name is removed.</summary>
    public string NextName()
    {
        var next = Generations().Select(g => g.Number).DefaultIfEmpty(0).Max() + 1;
        var name = "g" + next.ToString(CultureInfo.InvariantCulture);
        if (Directory.Exists(PathOf(name))) Directory.Delete(PathOf(name), recursive: true);
        return name;
    }

    /// <summary>
    /// Deletes generations older than <paramref name="current"/> once <c>CURRENT</c> has named a newer one for at least
    /// <paramref name="grace"/> (its last write is when they were retired), and — only when no reindex can be running,
    /// i.e. at open — the unpublished ones newer than it. A folder still held open elsewhere is retried next time.
    /// </summary>
    public void Sweep(string current, TimeSpan grace, bool includeUnpublished)
    {
        var currentNumber = NumberOf(current);
        var retiredAt = File.GetLastWriteTimeUtc(Path.Combine(Root, Pointer));
        var graceOver = DateTime.UtcNow - retiredAt >= grace;
        foreach (var (name, number) in Generations())
        {
            if (name == current) continue;
            var delete = number < currentNumber ? graceOver : includeUnpublished;
            if (delete) Delete(PathOf(name));
        }
    }

    /// <summary>Removes a generation folder; one still mapped by a reader somewhere is left for the next sweep.</summary>
    public static void Delete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static int NumberOf(string name) =>
        name.Length > 1 && name[0] == 'g' && int.TryParse(name.AsSpan(1), CultureInfo.InvariantCulture, out var i) ? i : 0;

    private IEnumerable<(string Name, int Number)> Generations() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Select(n => (n, NumberOf(n))).Where(g => g.Item2 > 0)
            : [];
}
