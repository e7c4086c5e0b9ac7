namespace PaperSearch.Web.Hosting;

/// <summary>Bound from "PaperSearch". Every default is also written in appsettings.json.</summary>
public sealed class PaperSearchOptions
{
    public const string Section = "PaperSearch";

    /// <summary>Where the store, index, models and job storage live; relative paths are resolved against the current directory.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>all (default), indexer or web; see <see cref="ProcessRole"/>. Read with <see cref="ProcessRoles.Of"/>.</summary>
    public string Role { get; set; } = "all";

    public string ResolvedDataDir => Path.GetFullPath(DataDir);
}
