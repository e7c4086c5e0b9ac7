using PaperSearch.Ranking.Metrics;
using PaperSearch.TestSupport;

namespace PaperSearch.Ranking.Tests.Metrics;

public sealed class BeirDatasetTests
{
    [Fact]
    public void Parsers_ReadFieldsAndSkipHeader_WhenLinesWellFormed()
    {
        var corpus = BeirParser.ParseCorpus(["{\"_id\": \"4983\", \"title\": \"T\", \"text\": \"Body\"}", ""]);
        Assert.Equal(new BeirDocument("4983", "T", "Body"), corpus["4983"]);
        var queries = BeirParser.ParseQueries(["{\"_id\": \"1\", \"text\": \"q\", \"metadata\": {}}"]);
        Assert.Equal("q", queries["1"]);
        var qrels = BeirParser.ParseQrels(["query-id\tcorpus-id\tscore", "1\t31715818\t1", "1\t42\t2"]);
        Assert.Equal(2, qrels["1"]["42"]);
        Assert.Throws<FormatException>(() => BeirParser.ParseQrels(["query-id\tcorpus-id\tscore", "1 2 x"]));
        Assert.Throws<FormatException>(() => BeirParser.ParseCorpus(["{\"title\": \"no id\"}"]));
    }

    [Fact]
    public async Task LoadAsync_ReadsSciFactTestSplit_WhenRealData()
    {
        var data = await BeirDataset.LoadAsync(SharedData.SciFactBeir, "test");
        Assert.Equal(5183, data.Corpus.Count);
        Assert.Equal(300, data.Qrels.Count);
        Assert.Equal(339, data.Qrels.Sum(q => q.Value.Count));
        Assert.Equal(300, data.Queries.Count);
        Assert.All(data.Qrels.SelectMany(q => q.Value.Keys), id => Assert.True(data.Corpus.ContainsKey(id)));

        // A perfect run (the judged documents themselves) scores 1 on every metric.
        var run = data.Qrels.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Value.Keys.ToList());
        var report = RetrievalEvaluation.Evaluate(run, data.Qrels, [10]);
        Assert.Equal(1.0, report["NDCG@10"], 1e-12);
        Assert.Equal(1.0, report["Recall@10"], 1e-12);
    }
}
