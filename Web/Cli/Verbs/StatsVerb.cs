using System.Text.Json;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class StatsVerb : ICliVerb
{
    public string Name => "stats";
    public string Usage => "[--json]";
    public string Summary => "counts of papers, index, summaries, embeddings; the last harvest";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help", "--json" };

    public async Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException("stats takes no arguments.");
        var report = await services.GetRequiredService<StatusService>().GetAsync(60, ct);
        if (args.Flag("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"papers      {report.Papers:N0}");
        Console.WriteLine($"indexed     {report.IndexedPapers:N0}");
        Console.WriteLine($"summaries   {report.Summaries:N0}");
        Console.WriteLine($"embedded    {report.Embedded:N0} ({report.Model ?? "no model"})");
        Console.WriteLine(report.LastHarvest is { } h
            ? $"last harvest {h.StartedAt:yyyy-MM-dd HH:mm} UTC: +{h.Added:N0} new, {h.Updated:N0} updated{(h.Error is null ? "" : ", error: " + h.Error)}"
            : "last harvest never");
        if (report.PapersPerDay.Count > 0)
            Console.WriteLine($"listing days {report.PapersPerDay[0].Day:yyyy-MM-dd} … {report.PapersPerDay[^1].Day:yyyy-MM-dd} (last 60 days: {report.PapersPerDay.Sum(d => d.Count):N0} papers)");
        return ExitCodes.Ok;
    }
}
