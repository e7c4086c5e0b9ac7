using PaperSearch.Papers;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// One item read from an input file or an OAI-PMH page, with where it came from so a problem can be
/// reported as "file, position, reason". Readers never throw for a bad record: they yield
/// <see cref="RejectedRecord"/> and go on.
/// </summary>
public abstract record SourceRecord(string Source, string Position);

/// <summary>A parsed paper.</summary>
public sealed record PaperRecord(string Source, string Position, Paper Paper) : SourceRecord(Source, Position);

/// <summary>A Chinese AI summary for the paper with <paramref name="PaperId"/> (which may not be in the store yet).</summary>
public sealed record SummaryRecord(string Source, string Position, string PaperId, AiSummary Summary) : SourceRecord(Source, Position);

/// <summary>An OAI-PMH header with <c>status="deleted"</c>: the repository no longer exposes this id.</summary>
public sealed record DeletedRecord(string Source, string Position, string PaperId) : SourceRecord(Source, Position);

/// <summary>A record that could not be used, and why.</summary>
public sealed record RejectedRecord(string Source, string Position, string Reason) : SourceRecord(Source, Position)
{
    public override string ToString() => $"{Source} {Position}: {Reason}";
}
