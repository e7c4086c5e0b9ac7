using System.Xml.Linq;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>Element lookup by local name, so namespaced, prefixed and namespace-stripped responses read alike.</summary>
internal static class XmlElements
{
    public static XElement? Child(this XElement parent, string localName)
    {
        foreach (var e in parent.Elements())
            if (e.Name.LocalName == localName) return e;
        return null;
    }

    public static IEnumerable<XElement> Children(this XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    public static string? Text(this XElement parent, string localName) => parent.Child(localName)?.Value;

    public static string? Clean(this XElement parent, string localName) => SourceText.Clean(parent.Text(localName));
}
