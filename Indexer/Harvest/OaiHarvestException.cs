namespace PaperSearch.Indexer.Harvest;

/// <summary>A harvest that cannot go on; the message says which request failed and why, for a person to act on.</summary>
public sealed class OaiHarvestException(string message, Exception? inner = null) : Exception(message, inner);
