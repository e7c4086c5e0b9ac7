using System.CommandLine;
using System.Globalization;
using PaperSearch.Indexer.Harvest;

namespace PaperSearch.Web.Cli.Verbs;

public sealed class HarvestVerb : IIndexWritingVerb
{
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = "the OAI-PMH endpoint (default Harvest:Endpoint)", HelpName = "URL" };
    private readonly Option<string[]> _sets = new("--set") { Description = "a set to harvest, repeatable (default Harvest:Sets)", HelpName = "SPEC" };
    private readonly Option<string?> _from = new("--from") { Description = "harvest from this day instead of the checkpoint", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> _prefix = CliOptions.OneOf("--prefix", ["arXiv", "arXivRaw"], "the metadata format (default Harvest:MetadataPrefix)");

    public HarvestVerb() => Command = new("harvest",
        "harvest new arXiv metadata over OAI-PMH now (the same code path as the nightly job; resumable)") { _endpoint, _sets, _from, _prefix };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult args, IServiceProvider services, CancellationToken ct)
    {
        Uri? endpoint = null;
        if (args.GetValue(_endpoint) is { } e && (!Uri.TryCreate(e, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            throw new UsageException($"--endpoint must be an http(s) URL; got '{e}'.");
        DateOnly? from = null;
        if (args.GetValue(_from) is { } f)
            from = DateOnly.TryParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new UsageException($"--from must be a date YYYY-MM-DD; got '{f}'.");
        var prefix = args.GetValue(_prefix);

        var request = new HarvestRequest { Endpoint = endpoint, Sets = [.. args.GetValue(_sets) ?? []], From = from, MetadataPrefix = prefix };
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
