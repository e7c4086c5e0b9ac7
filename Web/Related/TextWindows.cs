namespace PaperSearch.Web.Related;

/// <summary>
/// A text longer than the model's window, cut into consecutive windows of whole words. Above the window budget the
/// windows kept are spread evenly over the text (the first always kept: a draft opens with its title and abstract),
/// so a 100,000-character draft costs as much to embed as a 3,000-word one.
/// </summary>
public static class TextWindows
{
    public static IReadOnlyList<string> Split(string text, int wordsPerWindow, int maxWindows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        var count = (words.Length + wordsPerWindow - 1) / wordsPerWindow;
        var picked = count <= maxWindows
            ? Enumerable.Range(0, count)
            : Enumerable.Range(0, maxWindows).Select(i => (int)((long)i * (count - 1) / Math.Max(1, maxWindows - 1))).Distinct();
        return picked.Select(w => string.Join(' ', words.Skip(w * wordsPerWindow).Take(wordsPerWindow))).ToList();
    }
}
