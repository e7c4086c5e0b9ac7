namespace PaperSearch.Papers;

/// <summary>
/// A machine-written Chinese summary of a paper (the <c>AI</c> object of the daily-listing pipeline),
/// shown like Cool Papers' FAQ and indexed with SmartCn so Chinese queries find the paper.
/// Unverified LLM output: displayed as such, never treated as ground truth.
/// </summary>
public sealed record AiSummary(
    string? Tldr,
    string? Motivation,
    string? Method,
    string? Result,
    string? Conclusion)
{
    /// <summary>Texts the generating pipeline writes when it failed; a summary made only of these is rejected.</summary>
    private static readonly string[] Placeholders =
    [
        "summary generation failed", "error", "错误：ai分析失败。", "错误：ai分析失败", "ai分析失败", "n/a", "none", "null",
    ];

    public IEnumerable<string> Parts() => NamedParts().Select(p => p.Text);

    /// <summary>The parts with text, in reading order, each with its name (<see cref="PartNames"/>).</summary>
    public IEnumerable<(string Name, string Text)> NamedParts()
    {
        string?[] texts = [Tldr, Motivation, Method, Result, Conclusion];
        for (var i = 0; i < texts.Length; i++)
            if (!string.IsNullOrWhiteSpace(texts[i])) yield return (PartNames[i], texts[i]!);
    }

    /// <summary>Names of the parts, in reading order: how a search hit says which part matched.</summary>
    public static readonly IReadOnlyList<string> PartNames = ["tldr", "motivation", "method", "result", "conclusion"];

    /// <summary>True when at least one part carries real text (not empty, not a failure placeholder).</summary>
    public bool IsUsable => Parts().Any(p => !IsPlaceholder(p));

    public static bool IsPlaceholder(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t.Length == 0 || Placeholders.Contains(t) || t.StartsWith("summary generation failed", StringComparison.Ordinal)
               // "错误：…" is the pipeline's failure prefix; a real sentence may start with 错误 ("error correcting codes …").
               || t.StartsWith("错误：", StringComparison.Ordinal) || t.StartsWith("错误:", StringComparison.Ordinal);
    }
}
