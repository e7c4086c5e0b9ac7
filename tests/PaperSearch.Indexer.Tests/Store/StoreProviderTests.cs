using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.TestSupport;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Store;

public sealed class StoreProviderTests
{
    /// <summary>
    /// Two <see cref="PaperStore"/> instances share no in-process lock, so they stand for two processes (indexer, CLI).
    /// A follower reads the change stream meanwhile, as the index does; it must end up with every paper, which fails
    /// if a row could commit after the follower had moved past its Seq.
    /// </summary>
    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_KeepsSeqUniqueAndFollowable_WhenTwoStoresWriteConcurrently(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var second = PaperStore.Open(test.Options);
        const int batches = 12, perBatch = 25;

        async Task WriteAsync(PaperStore store, string prefix)
        {
            for (var b = 0; b < batches; b++)
                await store.UpsertAsync([.. Enumerable.Range(0, perBatch).Select(i => Make($"{prefix}.{b * perBatch + i:00000}"))]);
        }

        var writers = Task.WhenAll(Task.Run(() => WriteAsync(test.Store, "2501")), Task.Run(() => WriteAsync(second, "2502")));
        var seen = new HashSet<string>();
        long last = 0;
        while (!writers.IsCompleted)
        {
            await foreach (var change in test.Store.StreamChangedSinceAsync(last)) { seen.Add(change.Paper.Id); last = change.Seq; }
            await Task.Delay(5);
        }
        await writers;
        await foreach (var change in test.Store.StreamChangedSinceAsync(last)) { seen.Add(change.Paper.Id); last = change.Seq; }

        var all = await test.Store.StreamChangedSinceAsync(0).Select(c => c.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 2 * batches * perBatch).Select(i => (long)i), all);
        Assert.Equal(2 * batches * perBatch, seen.Count);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task UpsertAsync_RoundTripsEveryField_WhenStoredAndReadBack(StoreKind kind)
    {
        await using var test = await TestStore.OpenAsync(kind);
        var plusTwo = TimeSpan.FromHours(2);
        var paper = Make("2503.00001", "Τίτλος with 中文 and 'quotes'", authors: ["Zoë Ångström", "李雷"], categories: ["cs.CL", "cs.LG"]) with
        {
            Comments = "12 pages", Doi = "10.1/x", Withdrawn = true,
            Submitted = new DateTimeOffset(2025, 3, 1, 10, 30, 0, plusTwo),
            Updated = new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero),
            Versions = [new PaperVersion(1, new DateTimeOffset(2025, 3, 1, 10, 30, 0, plusTwo), "12kb")],
        };

        await test.Store.UpsertAsync([paper]);
        var back = (await test.Store.GetAsync("2503.00001"))!;

        Assert.Equal((paper.Title, paper.Comments, paper.Doi, paper.Withdrawn, paper.ListingDate), (back.Title, back.Comments, back.Doi, back.Withdrawn, back.ListingDate));
        Assert.Equal(paper.Authors, back.Authors);
        Assert.Equal(paper.Categories, back.Categories);
        Assert.Equal(paper.Submitted, back.Submitted); // the same instant…
        Assert.Equal(paper.Versions, back.Versions);
        // …in UTC on both providers (PostgreSQL's timestamptz can do nothing else; SQLite would keep "+02:00").
        Assert.Equal(TimeSpan.Zero, back.Submitted!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, back.Versions[0].Date.Offset);
        Assert.Equal(1, (await test.Store.UpsertAsync([paper])).Unchanged);
    }

    [Theory]
    [InlineData("postgres://app:s%3Acret@db.example:6543/papers", "Host=db.example;Port=6543;Database=papers;Username=app;Password=s:cret")]
    [InlineData("postgresql://app@127.0.0.1/papers?sslmode=require", "Host=127.0.0.1;Port=5432;Database=papers;Username=app;SSL Mode=Require")]
    [InlineData("Host=h;Database=d;Username=u", "Host=h;Database=d;Username=u")]
    public void Normalise_GivesNpgsqlKeywords_WhenUrlOrKeywordsGiven(string input, string expected)
    {
        Assert.Equal(expected, PostgresConnection.Normalise(input));
    }

    [Theory]
    [InlineData("postgres://app:secret@/papers", "no host")]
    [InlineData("postgres://app:secret@host:5432/", "no database")]
    [InlineData("postgres://app:secret@host/db?bogus=1", "bogus")]
    [InlineData("Hots=h;Password=secret", "Hots")]
    public void Normalise_ThrowsReadableErrorWithoutPassword_WhenMalformed(string input, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PostgresConnection.Normalise(input));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
