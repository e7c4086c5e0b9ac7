using System.CommandLine;
using PaperSearch.Indexer.Import;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class ImportVerb : IIndexWritingVerb
{
    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "files or folders (.gz/.tar.gz read directly; format detected)", Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "no live progress" };

    public ImportVerb() => Command = new("import",
        "import papers and summaries (Kaggle JSON, OAI-PMH XML, .abs, daily-listing JSONL, AI summaries)") { _paths, _quiet };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        var paths = args.GetRequiredValue(_paths);
        foreach (var p in paths)
            if (!File.Exists(p) && !Directory.Exists(p)) throw new UsageException($"No file or folder at '{p}'.");

        var importer = services.GetRequiredService<Importer>();
        // Ctrl+C cancels ct; SIGTERM (docker stop, systemd) only stops the host, so both ask the import to stop.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        ImportSummary s;
        using (var progress = new ConsoleProgress<ImportProgress>(p =>
                   $"import: read {p.Read:N0}  new {p.Inserted:N0}  updated {p.Updated:N0}  unchanged {p.Unchanged:N0}  rejected {p.Rejected:N0}  {p.PapersPerSecond:N0} papers/s"))
            s = await importer.ImportAsync(paths, args.GetValue(_quiet) ? null : progress, stop.Token);

        foreach (var r in s.Rejections.Take(20)) Console.Error.WriteLine($"rejected: {r}");
        if (s.Rejected > 20) Console.Error.WriteLine($"… and {s.Rejected - 20:N0} more rejected records.");
        Console.WriteLine($"Imported in {s.Elapsed.TotalSeconds:N1} s: read {s.Read:N0}, inserted {s.Inserted:N0}, updated {s.Updated:N0}, " +
                          $"unchanged {s.Unchanged:N0}, rejected {s.Rejected:N0}, summaries {s.Summaries:N0}, deleted {s.Deleted:N0} " +
                          $"({s.PapersPerSecond:N0} papers/s).");
        if (!s.Stopped) return ExitCodes.Ok;
        Console.Error.WriteLine($"Stopped after {s.Read:N0} records, at a batch boundary: the store and the index agree. " +
                                "Run the same import again to resume (records already stored count as unchanged).");
        return ExitCodes.Failure;
    }
}
