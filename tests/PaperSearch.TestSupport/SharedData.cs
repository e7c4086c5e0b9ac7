namespace PaperSearch.TestSupport;

/// <summary>
/// Locates the team's read-only real data (<c>../shared/data</c> beside the repository).
/// Tests about real-world input read from here; a missing folder fails the test, never skips it.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    /// <summary>Absolute path of <c>shared/data</c>.</summary>
    public static string Root => RootPath.Value;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Corpus => File("arxiv-daily-listings", "corpus.jsonl.gz");
    public static string AiEnhanced => File("arxiv-daily-listings", "ai-enhanced.jsonl.gz");
    public static string OaiFixtures => File("arxiv-oai-pmh-fixtures");
    public static string KaggleSample => File("arxiv-kaggle-snapshot-sample", "arxiv-metadata-oai-snapshot.first200.json");
    public static string AbsTarball => File("arxiv-abs-files", "arxiv-browse-abs-files.tar.gz");
    public static string SciFactBeir => File("scifact", "beir");

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PAPERSEARCH_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            "../shared/data was not found above " + AppContext.BaseDirectory +
            ". Clone the repository beside the shared folder or set PAPERSEARCH_SHARED_DATA.");
    }
}
