using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using PaperSearch.Categories;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Index;

/// <summary>Field names of the Lucene document, and how a stored paper becomes one.</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Abstract = "abstract";
    /// <summary>Title + abstract as one analysed field: free text and <c>abs:</c> score against it (BM25 as Anserini does).</summary>
    public const string Text = "text";
    public const string Authors = "authors";
    public const string SummaryZh = "summary_zh";
    public const string Category = "cat";
    public const string Archive = "archive";
    public const string Date = "date";
    public const string Withdrawn = "withdrawn";

    /// <summary>
    /// The analysed fields free text searches, with their BM25 boosts. Title + abstract score once, as one
    /// document text (per-field OR with a 2× title counted title words three times and lost 0.02 nDCG@10 on
    /// SciFact); the title adds a smaller extra weight; authors and the Chinese summary are separate languages of
    /// evidence and keep their own fields.
    /// </summary>
    public static (string Field, float Boost)[] FreeText(QueryWeights w) =>
        w.TitleBoost > 0
            ? [(Text, 1.0f), (Title, w.TitleBoost), (Authors, 1.0f), (SummaryZh, 0.7f)]
            : [(Text, 1.0f), (Authors, 1.0f), (SummaryZh, 0.7f)];

    /// <summary>Date as yyyyMMdd, so integer order is date order and ranges read naturally.</summary>
    public static int DateKey(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static DateOnly FromDateKey(int key) => new(key / 10000, key / 100 % 100, key % 100);

    public static Document Build(PaperChange change)
    {
        var p = change.Paper;
        var doc = new Document
        {
            new StringField(Id, p.Id, Field.Store.YES),
            // Doc values give fast id lookup for hits without touching stored fields.
            new SortedDocValuesField(Id, new BytesRef(p.Id)),
            // Title and abstract are stored for highlighting; everything else is read from the store. The abstract
            // is searched only through the combined text field, so it is not indexed on its own.
            new TextField(Title, p.Title, Field.Store.YES),
            new TextField(Text, p.Title + "\n" + p.Abstract, Field.Store.NO),
            new StoredField(Abstract, p.Abstract),
            new TextField(Authors, string.Join("; ", p.Authors), Field.Store.NO),
        };
        if (change.Summary is { } s)
            doc.Add(new TextField(SummaryZh, string.Join("\n", s.Parts().Where(t => !AiSummary.IsPlaceholder(t))), Field.Store.NO));
        var archives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in p.Categories)
        {
            doc.Add(new StringField(Category, c, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(Category, new BytesRef(c)));
            if (archives.Add(ArxivTaxonomy.ArchiveOf(c))) doc.Add(new StringField(Archive, ArxivTaxonomy.ArchiveOf(c), Field.Store.NO));
        }
        // MSC and ACM classes are searchable as cat:68T07 / cat:I.2.6, but are no category: no doc values, so no count.
        foreach (var c in p.MscClasses.Concat(p.AcmClasses)) doc.Add(new StringField(Category, c, Field.Store.NO));
        if (p.EffectiveDate is { } d)
        {
            var key = DateKey(d);
            doc.Add(new Int32Field(Date, key, Field.Store.NO));
            doc.Add(new NumericDocValuesField(Date, key));
        }
        if (p.Withdrawn) doc.Add(new StringField(Withdrawn, "1", Field.Store.NO));
        return doc;
    }

    public static string Format(int dateKey) => dateKey.ToString(CultureInfo.InvariantCulture);
}
