using PaperSearch.Indexer.Store;
using PaperSearch.Web.Listings;
using PaperSearch.Web.Papers;
using PaperSearch.Web.Search;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Hosting;

public static class ServiceRegistration
{
    /// <summary>Everything both the web host and the CLI need: store, index, ranking, the query pipeline.</summary>
    public static IHostApplicationBuilder AddPaperSearchServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PaperSearchOptions.Section).Get<PaperSearchOptions>() ?? new();
        var dataDir = options.ResolvedDataDir;
        Directory.CreateDirectory(dataDir);
        builder.Services.AddOptions<PaperSearchOptions>().BindConfiguration(PaperSearchOptions.Section);
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section)
            .Validate(o => o.Validate() is null, "Search options are invalid").ValidateOnStart();

        builder.Services.AddPaperStore(dataDir);

        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<PaperService>();
        builder.Services.AddSingleton<ListingService>();
        builder.Services.AddSingleton<StatusService>();
        return builder;
    }
}
