namespace PaperSearch.Web.Tests.Deployment;

/// <summary>Files of this repository (found from the test binaries upwards), for tests about deployment files.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PaperSearch.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("No PaperSearch.slnx above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    /// <summary>An absolute path from a repository-relative one (either separator, optional leading <c>./</c>).</summary>
    public static string Path(string relative)
    {
        var trimmed = relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, trimmed.Replace('/', System.IO.Path.DirectorySeparatorChar)));
    }

    public static bool Exists(string relative) => File.Exists(Path(relative)) || Directory.Exists(Path(relative));

    public static string Read(string relative) => File.ReadAllText(Path(relative));
}
