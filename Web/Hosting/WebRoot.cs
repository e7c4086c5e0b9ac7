namespace PaperSearch.Web.Hosting;

/// <summary>Finds the web root: <c>wwwroot</c> beside the app when published, else the repository's top-level <c>wwwroot/</c>.</summary>
public static class WebRoot
{
    public static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PaperSearch.slnx")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                    return Path.Combine(dir.FullName, "wwwroot");
            }
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? beside : null;
    }
}
