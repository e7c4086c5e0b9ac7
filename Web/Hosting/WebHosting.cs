using System.Text.Json;
using System.Text.Json.Serialization;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Web.Api;
using PaperSearch.Web.Components;
using PaperSearch.Web.Exports;
using PaperSearch.Web.Feeds;
using PaperSearch.Web.Localization;
using PaperSearch.Web.Settings;

namespace PaperSearch.Web.Hosting;

public static class WebHosting
{
    /// <summary>UI, OpenAPI, problem details; a process that serves the site also loads (and follows) the vectors and warms up search.</summary>
    public static WebApplicationBuilder AddPaperSearchWeb(this WebApplicationBuilder builder, ProcessRole role = ProcessRole.All)
    {
        builder.Services.AddRazorComponents();
        // English and Chinese UI (Localization/UiCultures)
        builder.Services.AddPaperSearchLocalization();
        if (role.ServesSite())
        {
            builder.Services.AddHostedService<VectorCatalogLoader>();
            builder.Services.AddHostedService<PaperSearch.Web.Search.SearchWarmup>();
            // "No papers yet" / "harvesting the last 7 days of cs" on every page (Components/Layout/InstanceBanner)
            builder.Services.AddSingleton<PaperSearch.Web.Status.InstanceNotice>();
        }
        // The indexer loads no catalog, so it publishes the vector file the web replicas map.
        else if (role.Writes()) builder.Services.AddHostedService<VectorFilePublisher>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(OpenApiDocumentation.Configure);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Numbers are numbers: the web default also reads them from strings, which the OpenAPI document would then
            // have to describe as "integer or string" to every client generated from it.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        return builder;
    }

    /// <summary>The site: static assets, REST API, OpenAPI, feeds and the Blazor pages (not mapped in the indexer role).</summary>
    public static WebApplication MapPaperSearchSite(this WebApplication app)
    {
        // Pages in the reader's language; API, feeds and OpenAPI in the invariant culture, whatever the language
        app.UsePaperSearchCultures();
        app.MapStaticAssets();
        app.MapSearchApi();
        app.MapPapersApi();
        app.MapRelatedApi();
        app.MapRecommendApi();
        app.MapLibraryApi();
        app.MapSavedLibraryApi();
        app.MapListsApi();
        app.MapExportApi();
        app.MapStatsApi();
        app.MapOpenApi();
        app.MapFeeds();
        app.MapCultureSwitch();
        app.MapTldrSwitch();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// Errors become RFC 7807 problem details. A malformed parameter the framework itself rejects
    /// (e.g. a number that is not a number) is the client's mistake: 400, never 500.
    /// </summary>
    public static WebApplication UsePaperSearchErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
