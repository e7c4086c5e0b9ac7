namespace PaperSearch.Ranking.Simd;

/// <summary>A row index with its score; arrays of these are ordered best first.</summary>
public readonly record struct ScoredId(int Id, float Score);
