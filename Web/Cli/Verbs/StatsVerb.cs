using System.CommandLine;
using System.Text.Json;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class StatsVerb : ICliVerb
{
    private readonly Option<bool> _json = new("--json") { Description = "print the report as JSON" };

    public StatsVerb() => Command = new("stats", "counts of papers, index, summaries, embeddings; the last harvest") { _json };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var report = await services.GetRequiredService<StatusService>().GetAsync(60, ct);
        if (args.GetValue(_json))
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
