using System.Globalization;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class HarvestVerb : IIndexWritingVerb
{
    public string Name => "harvest";
    public string Usage => "[--endpoint URL] [--set SPEC]… [--from YYYY-MM-DD] [--prefix arXiv|arXivRaw]";
    public string Summary => "harvest new arXiv metadata over OAI-PMH now (the same code path as the nightly job; resumable)";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "--endpoint", "--set", "--from", "--prefix" };
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    public async Task<int> RunAsync(VerbArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{args.Positionals[0]}'.");
        Uri? endpoint = null;
        if (args.Option("--endpoint") is { } e && (!Uri.TryCreate(e, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            throw new UsageException($"--endpoint must be an http(s) URL; got '{e}'.");
        DateOnly? from = null;
        if (args.Option("--from") is { } f)
            from = DateOnly.TryParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new UsageException($"--from must be a date YYYY-MM-DD; got '{f}'.");
        var prefix = args.Option("--prefix");
        if (prefix is not null && prefix is not ("arXiv" or "arXivRaw"))
            throw new UsageException($"--prefix must be arXiv or arXivRaw; got '{prefix}'.");

        var request = new HarvestRequest { Endpoint = endpoint, Sets = args.Options("--set").ToList(), From = from, MetadataPrefix = prefix };
        var progress = new SyncProgress<HarvestProgress>(p => Console.Error.WriteLine(
            $"harvest {p.Set}: page {p.Pages}, +{p.Added} new, {p.Updated} updated, {p.Deleted} deleted, {p.Rejected} rejected" +
            (p.CompleteListSize is { } n ? $" (list size {n:N0})" : "") + (p.Message is null ? "" : " — " + p.Message)));
        try
        {
            var result = await services.GetRequiredService<Harvester>().RunAsync(request, progress, ct);
            foreach (var run in result.Runs)
                Console.WriteLine($"{run.Key}: {run.Pages} pages, +{run.Added:N0} new, {run.Updated:N0} updated, {run.Deleted:N0} deleted" +
                                  (run.Error is null ? "" : $", error: {run.Error}"));
            return result.Runs.Any(r => r.Error is not null) ? ExitCodes.Failure : ExitCodes.Ok;
        }
        catch (OaiHarvestException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool and can reorder lines).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
