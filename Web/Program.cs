using PaperSearch.Web.Api;
using PaperSearch.Web.Cli;
using PaperSearch.Web.Components;
using PaperSearch.Web.Feeds;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Jobs;

// One executable: no verb (or `serve`) runs the web host; any other verb runs a command-line task.
CommandLine cli;
try { cli = CommandLine.Parse(args); }
catch (UsageException e) { return CliRunner.PrintUsageError(e.Message); }
if (cli.Verb != "serve") return await CliRunner.RunAsync(cli);

// Static files: Web/wwwroot is a link to the top-level wwwroot/ (a published app carries its own copy).
// A published app carries wwwroot beside its dll; use it wherever it was started from (the content root stays the
// working directory, so ./data means what the user typed).
var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. cli.HostArgs],
    WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null,
});

// Store, index, ranking and the query pipeline (shared with the CLI)
builder.AddPaperSearchServices();
// UI, OpenAPI, problem details
builder.AddPaperSearchWeb();
// Hangfire server, storage beside the store (SQLite or PostgreSQL): nightly harvest and index maintenance
builder.AddPaperSearchJobs();
// Rate limits, compression, output cache, security headers, readiness checks, access log
builder.AddPaperSearchHardening();

var app = builder.Build();

app.UsePaperSearchErrors();
app.UsePaperSearchHardening();
app.MapStaticAssets();
app.MapHealthApi();
app.MapSearchApi();
app.MapPapersApi();
app.MapStatsApi();
app.MapOpenApi();
app.MapJobs();
app.MapFeeds();
app.UseAntiforgery();
app.MapRazorComponents<App>();

await app.RunAsync();
return ExitCodes.Ok;
