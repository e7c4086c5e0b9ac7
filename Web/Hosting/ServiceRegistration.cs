using PaperSearch.Web.Library;
using PaperSearch.Web.Related;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Import;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Web.Listings;
using PaperSearch.Web.Papers;
using PaperSearch.Web.Search;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Hosting;

public static class ServiceRegistration
{
    /// <summary>
    /// Everything both the web host and the CLI need: store, index, ranking, the query pipeline. The role decides who
    /// writes: <c>all</c> and <c>indexer</c> migrate the store and own the index writer; <c>web</c> waits for the schema
    /// and opens the published index read-only.
    /// </summary>
    public static IHostApplicationBuilder AddPaperSearchServices(this IHostApplicationBuilder builder)
    {
        UseShippedAppSettings(builder);
        var role = ProcessRoles.Of(builder.Configuration);
        var options = builder.Configuration.GetSection(PaperSearchOptions.Section).Get<PaperSearchOptions>() ?? new();
        var dataDir = options.ResolvedDataDir;
        Directory.CreateDirectory(dataDir);
        // Settings learned for this data (e.g. `tune` writes Search:Alpha/Tau here); reloaded when they change.
        builder.Configuration.AddJsonFile(DataPaths.Settings(dataDir), optional: true, reloadOnChange: true);
        KeepExplicitSettingsOnTop(builder.Configuration);
        builder.Services.AddOptions<PaperSearchOptions>().BindConfiguration(PaperSearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RelatedOptions>().BindConfiguration(RelatedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var followStore = FollowsStore(builder.Configuration, role);
        builder.Services.AddPaperStore(dataDir, migrate: role.Writes(), readOnly: followStore);
        builder.Services.AddPaperIndex(writes: role.Writes(), followStore: followStore);
        builder.Services.AddEmbedder(_ => dataDir);
        var semantic = builder.Services.AddOptions<SemanticOptions>().BindConfiguration(SemanticOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!role.Writes()) semantic.PostConfigure(o => o.RefitOnLoad = false);
        // Vector files are written by the processes that write (and by a store-following replica, into its own data dir);
        // a web replica over the shared volume (mounted read-only) only maps them.
        builder.Services.AddSingleton(new VectorFolder(DataPaths.Vectors(dataDir), writes: role.Writes() || followStore));
        builder.Services.AddSingleton<VectorCatalog>();
        builder.Services.AddSingleton<EmbeddingPipeline>();
        builder.Services.AddSingleton<CompressionFitter>();
        if (role.Writes())
        {
            // They write the index, so only the roles that hold its writer have them.
            builder.Services.AddSingleton<Importer>();
            builder.Services.AddOaiHarvest();
        }

        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<RelatedWorkService>();
        builder.Services.AddSingleton<RecommendService>();
        builder.Services.AddSingleton<PaperService>();
        builder.Services.AddSingleton<ListingService>();
        builder.Services.AddSingleton<StatusService>();
        return builder;
    }

    /// <summary>
    /// <c>Index:Source=store</c>: a <c>web</c> replica that builds and follows its own index from the store (PostgreSQL).
    /// Any other role already writes its index (all, indexer) or needs none of its own (worker), and a SQLite store
    /// lives in the process's own data dir, so both are refused with the rule.
    /// </summary>
    internal static bool FollowsStore(IConfiguration configuration, ProcessRole role)
    {
        var source = configuration[IndexOptions.Section + ":" + nameof(IndexOptions.Source)];
        if (!new IndexOptions { Source = source ?? IndexOptions.PublishedSource }.FollowsStore) return false;
        if (role != ProcessRole.Web)
            throw new InvalidOperationException($"Index:Source=store is for --role web (a replica that builds its own index); role {role.ToString().ToLowerInvariant()} uses Index:Source=published.");
        if (StoreOptions.ParseProvider(configuration["PaperSearch:Store"]) != StoreProvider.Postgres)
            throw new InvalidOperationException("Index:Source=store needs PaperSearch:Store=postgres: the replica reads its changes from a store it shares with the indexer.");
        return true;
    }

    /// <summary>
    /// A setting typed for this run (an environment variable, <c>--Search:Alpha=0.4</c>) wins over the learned
    /// <c>settings.json</c>, as over appsettings.json: the learned file sits above the shipped defaults only.
    /// </summary>
    private static void KeepExplicitSettingsOnTop(IConfigurationBuilder configuration)
    {
        var explicitSources = configuration.Sources
            .Where(s => s is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource
                or Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource).ToList();
        foreach (var source in explicitSources)
        {
            configuration.Sources.Remove(source);
            configuration.Sources.Add(source);
        }
    }

    /// <summary>
    /// `dotnet run --project Web` runs in the caller's directory (so ./data and CLI paths mean what the user typed),
    /// where there is no appsettings.json. Then the copy built beside the app supplies the defaults, at the lowest
    /// priority, so environment variables, arguments and {data-dir}/settings.json still override it.
    /// </summary>
    private static void UseShippedAppSettings(IHostApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var local = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (!File.Exists(shipped) || File.Exists(local) || Path.GetFullPath(shipped) == Path.GetFullPath(local)) return;
        // Its own file provider: without one the source resolves Path against the content root (the caller's
        // directory), finds nothing there, and, being optional, silently supplies no settings at all.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.GetFileName(shipped), Optional = true, ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        if (builder.Configuration is IConfigurationRoot root) root.Reload();
    }
}
