using System.Globalization;
using System.Text;
using PaperSearch.Indexer.Sources;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using Xunit.Abstractions;

namespace PaperSearch.Indexer.Tests.Sources;

public sealed class AbsSourceTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<SourceRecord>> Tarball = new(() => SourceReader.Read(SharedData.AbsTarball).ToList());

    private static Dictionary<string, Paper> AbsPapers() =>
        Tarball.Value.OfType<PaperRecord>().ToDictionary(r => r.Paper.Id, r => r.Paper);

    [Fact]
    public void Read_YieldsOneRecordPerCurrentAbsFile_WhenTarballOfAbsFiles()
    {
        var records = Tarball.Value;
        var rejects = records.OfType<RejectedRecord>().ToList();
        foreach (var r in rejects) output.WriteLine(r.ToString());

        // 1,192 files: 60 orig/…vN.abs older versions are skipped; of the 1,132 current ftp/ files one is empty and
        // one (cs/0006007.abs) is a copy of cs/0006008 — the header contradicts the file name, so it is rejected.
        Assert.Equal(1130, records.OfType<PaperRecord>().Count());
        Assert.Equal(2, rejects.Count);
        Assert.Equal("entry ./abs_files/ftp/cs/papers/0006/0006007.abs", rejects[0].Position);
        Assert.Contains("header says cs/0006008", rejects[0].Reason);
        Assert.Equal("entry ./abs_files/ftp/math-ph/papers/0509/0509037.abs", rejects[1].Position);
        Assert.Contains("empty", rejects[1].Reason);
        Assert.All(records.OfType<PaperRecord>(), r => Assert.StartsWith("entry ./abs_files/ftp/", r.Position));
    }

    [Fact]
    public void Read_MapsHeaderAndVersions_WhenAbsFile()
    {
        var p = AbsPapers()["0704.0001"];

        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", p.Title);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], p.Authors);
        Assert.Equal(["hep-ph"], p.Categories);
        Assert.Equal("ANL-HEP-PR-07-12", p.ReportNo);
        Assert.Equal("Phys.Rev.D76:013009,2007", p.JournalRef);
        Assert.Equal("10.1103/PhysRevD.76.013009", p.Doi);
        Assert.Equal(2, p.Version);
        Assert.Equal([new(1, new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero), "443kb"), new PaperVersion(2, new DateTimeOffset(2007, 7, 24, 20, 10, 27, TimeSpan.Zero), "370kb")], p.Versions);
        Assert.EndsWith("can be obtained with judicious selection of events.", p.Abstract);
        Assert.False(p.Withdrawn);

        var old = AbsPapers()["hep-th/9108002"];
        Assert.Equal(("Hamiltonian construction of W-gravity actions", "10.1016/0370-2693(92)90710-L"), (old.Title, old.Doi));
    }

    [Fact]
    public void Read_DecodesLatin1AndFlagsWithdrawals_WhenOldAbsFiles()
    {
        var papers = AbsPapers();

        var latin1 = papers["1607.08199"];
        Assert.Contains("Emanuele Macrì", latin1.Authors);
        Assert.Equal(5, latin1.Version);
        Assert.Equal("http://creativecommons.org/licenses/by-sa/4.0/", latin1.License);

        var withdrawn = papers["0704.0374"];
        Assert.True(withdrawn.Withdrawn);
        Assert.Equal("0kb", withdrawn.Versions[^1].Size);
        // A v1 "(0kb,I)" that was later replaced is not a withdrawal.
        Assert.False(papers["funct-an/9301001"].Withdrawn);
        Assert.Equal(10, papers.Values.Count(p => p.Withdrawn));
    }

    [Fact]
    public void Read_AgreesWithKaggleSnapshot_WhenSamePapers0704_0001To0200()
    {
        var abs = AbsPapers();
        var kaggle = SourceReader.Read(SharedData.KaggleSample).OfType<PaperRecord>().Select(r => r.Paper).ToList();
        Assert.Equal(200, kaggle.Count);

        // The .abs files are an older snapshot than Kaggle's: a few papers got a new version since, and many gained a
        // DOI or journal-ref later. So: every field must agree when both describe the same version, except that
        // Kaggle may add a DOI/journal-ref the .abs lacks (counted, and the count pinned).
        var mismatches = new List<string>();
        int sameVersion = 0, gainedLater = 0;
        foreach (var k in kaggle)
        {
            if (!abs.TryGetValue(k.Id, out var a)) { mismatches.Add($"{k.Id}: no .abs record"); continue; }
            Check(k.Id, "categories", string.Join(' ', k.Categories), string.Join(' ', a.Categories));
            if (k.Version != a.Version) { output.WriteLine($"{k.Id}: Kaggle v{k.Version}, .abs v{a.Version}"); continue; }
            sameVersion++;
            Check(k.Id, "title", k.Title, a.Title);
            Check(k.Id, "abstract", k.Abstract, a.Abstract);
            Check(k.Id, "authors", string.Join(" | ", k.Authors.Select(NameKey)), string.Join(" | ", a.Authors.Select(NameKey)));
            Check(k.Id, "withdrawn", k.Withdrawn.ToString(), a.Withdrawn.ToString());
            Check(k.Id, "submitted", k.Submitted?.ToString("O"), a.Submitted?.ToString("O"));
            if (a.Doi is null && k.Doi is not null || a.JournalRef is null && k.JournalRef is not null) gainedLater++;
            if (a.Doi is not null) Check(k.Id, "doi", k.Doi, a.Doi);
            if (a.JournalRef is not null) Check(k.Id, "journal-ref", k.JournalRef, a.JournalRef);
        }
        foreach (var m in mismatches) output.WriteLine(m);
        output.WriteLine($"{sameVersion} papers at the same version; {gainedLater} gained a DOI or journal-ref after the .abs snapshot");
        Assert.Empty(mismatches);
        Assert.Equal(197, sameVersion);
        Assert.Equal(13, gainedLater);

        void Check(string id, string field, string? kaggleValue, string? absValue)
        {
            if (!string.Equals(kaggleValue, absValue, StringComparison.Ordinal))
                mismatches.Add($"{id} {field}: kaggle '{kaggleValue}' vs abs '{absValue}'");
        }
    }

    /// <summary>Kaggle's authors_parsed writes "C. -P. Yuan" where the .abs has "C.-P. Yuan": compare letters only.</summary>
    private static string NameKey(string name) =>
        new(name.Normalize(NormalizationForm.FormC).Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
}
