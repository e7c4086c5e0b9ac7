using System.Text;
using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources.Oai;

/// <summary>
/// Decodes an OAI-PMH response (UTF-8, as the protocol requires) and drops the characters XML 1.0 cannot carry
/// before <see cref="System.Xml.XmlReader"/> sees them: a raw U+0001 or ESC inside one record would otherwise be
/// a well-formedness error that ends the whole file. Character references such as <c>&amp;#1;</c> are let through
/// by the reader settings instead; <see cref="PaperText"/> removes what they produce.
/// </summary>
internal sealed class XmlSafeTextReader(Stream stream) : TextReader
{
    private readonly StreamReader _inner = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
    private readonly char[] _chunk = new char[1 << 14];
    private int _start, _end;
    private char _heldHigh; // a high surrogate at the end of a chunk waits for the low one that may start the next

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !HasChars()) return 0;
        var n = Math.Min(buffer.Length, _end - _start);
        _chunk.AsSpan(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    public override int Read() => HasChars() ? _chunk[_start++] : -1;

    public override int Peek() => HasChars() ? _chunk[_start] : -1;

    private bool HasChars()
    {
        while (_start == _end)
        {
            var length = 0;
            if (_heldHigh != '\0') { _chunk[length++] = _heldHigh; _heldHigh = '\0'; }
            var read = _inner.Read(_chunk, length, _chunk.Length - length);
            length += read;
            if (length == 0) return false;
            if (read > 0 && char.IsHighSurrogate(_chunk[length - 1])) _heldHigh = _chunk[--length];
            _start = 0;
            _end = XmlSafeText.RemoveInPlace(_chunk.AsSpan(0, length));
        }
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
