using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Jobs;

namespace PaperSearch.Web.Hardening;

/// <summary>
/// What a public site needs beyond features: forwarded headers from trusted proxies only, a checked Host, rate limits
/// per client on every page, feed and API endpoint, compression, output caching, security headers, readiness checks
/// and one access-log line per request.
/// </summary>
public static class HardeningHosting
{
    public const string ReadinessPath = "/health/ready";

    public static WebApplicationBuilder AddPaperSearchHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, o) => ClientRateLimiting.Configure(limiter, o.Value));
        services.AddTrustedProxies();
        // The server's name and version help nobody but a scanner.
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        services.AddResponseCompression(o =>
        {
            // Pages hold no secrets (no cookies, no antiforgery tokens on GET forms), so BREACH has nothing to extract.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "application/atom+xml", "image/svg+xml"]);
        });
        // Fastest: on two cores the CPU is better spent on searches than on the last few percent of ratio.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.AddOutputCache(OutputCachePolicies.Configure);
        services.PostConfigure<ProblemDetailsOptions>(ProblemDetailDefaults.Chain);

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<IndexHealthCheck>("index", tags: ["ready"])
            .AddCheck<ModelHealthCheck>("model", tags: ["ready"]);

        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery |
                              HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<CapabilityPathRedaction>();
        // The hosting layer opens its request scope (RequestPath, RequestId) only while its own category is enabled, and
        // with scopes printed that raw path would carry a saved library's token into every line of the request. Its own
        // messages (request starting/finished) are below the Microsoft.AspNetCore level anyway; TraceId and SpanId still
        // come from the activity. Added after the configuration's rules, so it wins over a written level for the category.
        builder.Logging.AddFilter(CapabilityPathRedaction.HostingCategory, LogLevel.None);
        return builder;
    }

    /// <summary>Call first, before the error handler: the client's address and the Host are settled before anything reads them.</summary>
    public static WebApplication UsePaperSearchFrontDoor(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseHostHeaderCheck(app.Services.GetRequiredService<IOptions<PaperSearchOptions>>().Value.PublicBase);
        app.UseHeadAsGet();
        // Routing after the HEAD rewrite (without this call WebApplication would route first, and find no HEAD endpoint).
        app.UseRouting();
        return app;
    }

    /// <summary>Call right after the error handler, before static assets and endpoints.</summary>
    public static WebApplication UsePaperSearchHardening(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseSecurityHeaders(JobsHosting.DashboardPath);
        app.UseResponseCompression();
        app.UseRateLimiter();
        app.UseConditionalRequests();
        app.UseOutputCache();
        app.MapGet(ReadinessPath, ReadinessAsync)
            .WithName("Ready")
            .WithSummary("Readiness: store, index and model checks; 503 when one is unhealthy (take the instance out of rotation)")
            .Produces<ReadinessReport>()
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadinessAsync(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), ct);
        var body = new ReadinessReport(report.Status.ToString(), (long)report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(e => e.Key, e => new ReadinessCheck(e.Value.Status.ToString(),
                e.Value.Description ?? e.Value.Exception?.Message, e.Value.Data)));
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}

/// <summary>What <c>/health/ready</c> answers: the overall status (Healthy, Degraded, Unhealthy) and each check's.</summary>
public sealed record ReadinessReport(string Status, long DurationMs, IReadOnlyDictionary<string, ReadinessCheck> Checks);

/// <param name="Data">Figures the check measured, e.g. <c>papers</c> or <c>documents</c>.</param>
public sealed record ReadinessCheck(string Status, string? Description, IReadOnlyDictionary<string, object> Data);
