using System.Text.RegularExpressions;

namespace PaperSearch.Web.Tests.Exports;

/// <summary>
/// Reads RIS as a strict importer does: every line is a tag (a capital and a capital or digit), two spaces, a hyphen,
/// a space and the value; a record runs from <c>TY</c> to <c>ER</c>; only blank lines stand between records. A value that
/// broke onto a second line is an error here, where a lenient reader would take it for a tag or drop it.
/// </summary>
internal static partial class RisReader
{
    public sealed record Record(IReadOnlyList<KeyValuePair<string, string>> Tags)
    {
        public IReadOnlyList<string> All(string tag) => [.. Tags.Where(t => t.Key == tag).Select(t => t.Value)];

        public string One(string tag) => Assert.Single(All(tag));
    }

    public static IReadOnlyList<Record> Read(string text)
    {
        var records = new List<Record>();
        List<KeyValuePair<string, string>>? open = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 && open is null) continue;
            var match = TagLine().Match(line);
            if (!match.Success) throw new FormatException($"RIS line {number} is not a tag line: «{line}»");
            var (tag, value) = (match.Groups[1].Value, match.Groups[2].Value);
            if (open is null)
            {
                if (tag != "TY") throw new FormatException($"RIS line {number}: a record must start with TY, not {tag}.");
                open = [];
            }
            else if (tag == "TY") throw new FormatException($"RIS line {number}: TY inside a record (the one before lacks ER).");
            if (tag == "ER")
            {
                records.Add(new Record(open));
                open = null;
            }
            else open.Add(new(tag, value));
        }
        if (open is not null) throw new FormatException("RIS: the last record has no ER.");
        return records;
    }

    [GeneratedRegex("^([A-Z][A-Z0-9])  - (.*)$")]
    private static partial Regex TagLine();
}
