using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>
/// Reads one OAI <c>record</c> element into an <see cref="XElement"/> as <see cref="XNode.ReadFrom"/> would, but
/// never holds more than <see cref="FieldCaps"/> allow: text is read in chunks, and a text longer than
/// <see cref="FieldCaps.LongestField"/> or a record over <see cref="FieldCaps.RecordSize"/> characters is counted
/// to its end without being kept, so a 60 MB abstract costs a read, not 120 MB of memory. The reader is left after
/// the record's end tag either way, and the next record is read as usual.
/// </summary>
internal static class BoundedRecordReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <param name="reader">Positioned on the record's start tag.</param>
    /// <returns>The record, or the partial record (its header, for the id) and why it is over a cap.</returns>
    public static (XElement Record, string? OverCap) Read(XmlReader reader)
    {
        var open = new Stack<XElement>();
        XElement? record = null;
        string? overCap = null;
        long total = 0;
        var chunk = new char[8192];
        var text = new StringBuilder();
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    total += reader.LocalName.Length + ReadAttributes(reader, element);
                    if (record is null) record = element;
                    else if (overCap is null) open.Peek().Add(element);
                    if (!reader.IsEmptyElement) open.Push(element);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var isCData = reader.NodeType == XmlNodeType.CDATA;
                    var length = ReadText(reader, chunk, text, keep: overCap is null);
                    total += length;
                    if (overCap is null && length > FieldCaps.LongestField)
                        overCap = $"<{open.Peek().Name.LocalName}> is {length:N0} characters, more than any field may hold ({FieldCaps.LongestField:N0})";
                    else if (overCap is null) open.Peek().Add(isCData ? new XCData(text.ToString()) : new XText(text.ToString()));
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
            }
            if (overCap is null && total > FieldCaps.RecordSize)
                overCap = $"the record is over {FieldCaps.RecordSize:N0} characters";
            if (open.Count == 0) break;
        } while (reader.Read());
        reader.Read(); // past the end tag, as XNode.ReadFrom leaves it
        return (record!, overCap);
    }

    /// <summary>Copies the attributes (not namespace declarations) and returns their length.</summary>
    private static long ReadAttributes(XmlReader reader, XElement element)
    {
        long length = 0;
        if (!reader.MoveToFirstAttribute()) return 0;
        do
        {
            length += reader.Value.Length;
            if (reader.NamespaceURI != XmlnsNamespace) element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
        } while (reader.MoveToNextAttribute());
        reader.MoveToElement();
        return length;
    }

    /// <summary>Reads the text node in chunks into <paramref name="text"/> up to the longest field, counting all of it.</summary>
    private static long ReadText(XmlReader reader, char[] chunk, StringBuilder text, bool keep)
    {
        text.Clear();
        long length = 0;
        int read;
        while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
        {
            length += read;
            if (keep && length <= FieldCaps.LongestField) text.Append(chunk, 0, read);
        }
        return length;
    }
}
