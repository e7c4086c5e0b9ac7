using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Import;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>Real papers from the shared corpus (plus a hostile one) imported into an app through its own Importer.</summary>
internal static class HardeningCorpus
{
    public const string HostileId = "2503.99999";
    public const string HostileMarkup = "<img src=x onerror=alert(1)>";
    public const string HostileTitle = "Quokka retrieval " + HostileMarkup + " attack";

    /// <summary>Writes the first <paramref name="papers"/> lines of the corpus (and, if asked, the hostile paper) to a scratch file.</summary>
    public static string Write(TempDir dir, int papers, bool hostile = false, int skip = 0, string name = "sample.jsonl")
    {
        var path = dir.Sub(name);
        using var input = new StreamReader(new GZipStream(File.OpenRead(SharedData.Corpus), CompressionMode.Decompress), Encoding.UTF8);
        using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        string? first = null;
        for (var i = 0; i < skip + papers && input.ReadLine() is { } line; i++)
        {
            first ??= line;
            if (i >= skip) output.WriteLine(line);
        }
        if (hostile && first is not null)
        {
            var paper = JsonNode.Parse(first)!.AsObject();
            paper["id"] = HostileId;
            paper["abs"] = "https://arxiv.org/abs/" + HostileId;
            paper["pdf"] = "https://arxiv.org/pdf/" + HostileId;
            paper["title"] = HostileTitle;
            paper["summary"] = "Quokka " + HostileMarkup + " <script>alert(2)</script> in the abstract.";
            output.WriteLine(paper.ToJsonString());
        }
        return path;
    }

    public static async Task<ImportSummary> ImportAsync(IServiceProvider services, string path) =>
        await services.GetRequiredService<Importer>().ImportAsync([path]);
}
