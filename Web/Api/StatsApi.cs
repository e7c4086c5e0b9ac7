using PaperSearch.Web.Status;

namespace PaperSearch.Web.Api;

public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", async (StatusService status, CancellationToken ct) => TypedResults.Ok(await status.GetAsync(60, ct)))
            .WithName("Stats")
            .WithSummary("Counts of papers, index, embeddings, the model, the last harvest and papers per day");
        return app;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health").WithSummary("Liveness: the process is up");
        return app;
    }
}

/// <summary>What <c>/health</c> answers while the process is up.</summary>
public sealed record HealthStatus(string Status);
