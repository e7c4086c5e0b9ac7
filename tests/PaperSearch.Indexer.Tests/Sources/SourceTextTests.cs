using PaperSearch.Indexer.Sources;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

public sealed class SourceTextTests
{
    [Theory]
    [InlineData(@"C. Bal\'azs", "C. Balázs")]
    [InlineData(@"Emanuele Macr\`i", "Emanuele Macrì")]
    [InlineData(@"J. M{\""u}ller", "J. Müller")]
    [InlineData(@"A. \v{C}ech", "A. Čech")]
    [InlineData(@"S. Gro\ss e", "S. Große")]
    [InlineData(@"F. \c{C}elik", "F. Çelik")]
    [InlineData(@"L. \'{E}tienne", "L. Étienne")]
    [InlineData(@"M. \o{}stergaard", "M. østergaard")]
    [InlineData("Plain Name", "Plain Name")]
    [InlineData(@"$\alpha$-team", @"$\alpha$-team")]
    public void Decode_TurnsTexAccentsIntoUnicode_WhenAuthorName(string tex, string expected) =>
        Assert.Equal(expected, TexAccents.Decode(tex));

    [Theory]
    [InlineData("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan", new[] { "C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan" })]
    [InlineData("Ileana Streinu and Louis Theran", new[] { "Ileana Streinu", "Louis Theran" })]
    [InlineData("Cynthia Dwork, Joseph Y. Halpern, and O. Waarts", new[] { "Cynthia Dwork", "Joseph Y. Halpern", "O. Waarts" })]
    [InlineData("A. Smith (MIT, USA), B. Jones (Oxford)", new[] { "A. Smith", "B. Jones" })]
    [InlineData("The BABAR Collaboration, B. Aubert, et al", new[] { "The BABAR Collaboration", "B. Aubert" })]
    [InlineData("F. Aharonian et al.", new[] { "F. Aharonian" })]
    [InlineData("Alexander\n  Andersson", new[] { "Alexander Andersson" })]
    public void SplitList_SplitsFreeTextAuthors_WhenArxivAuthorString(string text, string[] expected) =>
        Assert.Equal(expected, AuthorNames.SplitList(text));

    [Theory]
    [InlineData("This paper has been withdrawn", null, null, true)]
    [InlineData("paper withdrawn by author", null, null, true)]
    [InlineData("v2: withdrawn claim corrected", null, null, false)]
    [InlineData("v2: withdrawn claim corrected", "850kb", null, false)]
    [InlineData("The survey is not complete", "0kb", "I", true)]
    [InlineData("The survey is not complete", "0kb", null, false)]
    [InlineData("withdrawn due to an error", "1kb", null, true)]
    [InlineData(null, "853kb", "D", false)]
    public void IsWithdrawn_ReadsCommentAndSize_WhenLatestVersionKnown(string? comments, string? size, string? sourceType, bool expected) =>
        Assert.Equal(expected, Withdrawal.IsWithdrawn(comments, size, sourceType));

    [Theory]
    [InlineData("  a\n  b\t c  ", "a b c")]
    [InlineData("already clean", "already clean")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Clean_CollapsesWhitespace_WhenHardWrapped(string? text, string? expected) =>
        Assert.Equal(expected, SourceText.Clean(text));

    [Theory]
    [InlineData("doi:10.1103/PhysRevD.76.052005", "10.1103/PhysRevD.76.052005")]
    [InlineData("https://doi.org/10.1000/xyz", "10.1000/xyz")]
    [InlineData("10.1000/xyz", "10.1000/xyz")]
    public void Doi_StripsWrapper_WhenPrefixed(string text, string expected) => Assert.Equal(expected, SourceText.Doi(text));

    [Fact]
    public void Read_StopsWithOperationCanceled_WhenTokenCancelled()
    {
        using var dir = new TempDir("sources");
        var path = SourceTestFiles.Write(dir, "k.json", string.Join('\n', SourceTestFiles.KaggleLines()));
        using var cts = new CancellationTokenSource();
        var read = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in SourceReader.Read(path, cts.Token))
                if (++read == 3) cts.Cancel();
        });
        Assert.True(read < 200);
    }

    [Fact]
    public void Read_IsLazy_WhenOnlyFirstRecordsTaken()
    {
        // Constant memory: taking 3 records of the 200 MB corpus decompresses only the first buffers.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = SourceReader.Read(SharedData.Corpus).Take(3).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3, first.OfType<PaperRecord>().Count());
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }
}
