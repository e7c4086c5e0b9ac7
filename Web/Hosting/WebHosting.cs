using System.Text.Json;
using System.Text.Json.Serialization;
using PaperSearch.Indexer.Embeddings;

namespace PaperSearch.Web.Hosting;

public static class WebHosting
{
    public static WebApplicationBuilder AddPaperSearchWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddHostedService<VectorCatalogLoader>();
        builder.Services.AddHostedService<PaperSearch.Web.Search.SearchWarmup>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        return builder;
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
