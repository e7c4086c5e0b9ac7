using Microsoft.Extensions.Options;
using PaperSearch.Indexer.Store;
using PaperSearch.Web.Api;
using PaperSearch.Web.Cli;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Jobs;

// One executable: no verb (or `serve`) runs the web host; any other verb runs a command-line task (Cli/CommandLine.cs).
return await new CliCommandLine(Serve).InvokeAsync(args, Console.Out, Console.Error);

static async Task<int> Serve(IReadOnlyList<string> hostArgs)
{
    try
    {
        await ServeAsync(hostArgs);
        return ExitCodes.Ok;
    }
    catch (Exception e) when (SetupErrors.Describe(e) is { } setup)
    {
        // Bad configuration or an unreachable store at start: one line to act on (the host has logged any details).
        Console.Error.WriteLine("error: " + setup);
        return ExitCodes.Usage;
    }
}

static async Task ServeAsync(IReadOnlyList<string> hostArgs)
{
    // Static files: Web/wwwroot links to the top-level wwwroot/ in a checkout; a published app carries wwwroot beside
    // its dll, used wherever it was started from (the content root stays the working directory, so ./data means
    // what the user typed).
    var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = [.. hostArgs],
        WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null,
    });
    // A build's output run directly (`dotnet Web/bin/Release/…/PaperSearch.Web.dll`, as the load script does) finds its
    // CSS and scripts through the build's static-web-assets manifest, which only Development reads by default.
    // Published output has no such manifest, and this does nothing there.
    builder.WebHost.UseStaticWebAssets();

    // Store, index, ranking and the query pipeline (shared with the CLI)
    builder.AddPaperSearchServices();
    // all (default, one process), indexer (jobs and the only index writer), web (the site over the published index) or
    // worker (embedding range jobs only)
    var role = ProcessRoles.Of(builder.Configuration);
    // UI, OpenAPI, problem details
    builder.AddPaperSearchWeb(role);
    // Hangfire: storage beside the store (SQLite or PostgreSQL), and the server with the nightly harvest and index
    // maintenance where the role writes (a worker's server takes embedding jobs only)
    builder.AddPaperSearchHangfire(role);
    // Rate limits, compression, output cache, security headers, readiness checks, access log
    builder.AddPaperSearchHardening();

    var app = builder.Build();
    // Hangfire's PostgreSQL storage retries its setup for about a minute, silently, when the server cannot be
    // reached: try the store first, so a wrong address or a server that is down fails at once with one line.
    if (app.Services.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProvider.Postgres)
        await app.Services.GetRequiredService<PaperStore>().EnsureReachableAsync();

    app.UsePaperSearchFrontDoor();
    app.UsePaperSearchErrors();
    app.UsePaperSearchHardening();
    app.MapHealthApi();
    app.MapJobs(role);
    if (role.ServesSite()) app.MapPaperSearchSite();

    await app.RunAsync();
}
