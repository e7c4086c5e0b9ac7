namespace PaperSearch.Web.Exports;

/// <summary>Which braces of a TeX text have a partner: bare braces pair with bare ones, <c>\{ \}</c> with escaped ones.</summary>
internal static class BraceMatching
{
    /// <summary>Positions of the braces that no brace of their own kind closes or opens.</summary>
    public static HashSet<int> Unpaired(string text)
    {
        var unpaired = new HashSet<int>();
        var open = (Bare: new Stack<int>(), Escaped: new Stack<int>());
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('{' or '}')) continue;
            var stack = IsEscaped(text, i) ? open.Escaped : open.Bare;
            if (text[i] == '{') stack.Push(i);
            else if (!stack.TryPop(out _)) unpaired.Add(i);
        }
        unpaired.UnionWith(open.Bare);
        unpaired.UnionWith(open.Escaped);
        return unpaired;
    }

    /// <summary>True when an odd run of backslashes stands right before position <paramref name="i"/> (<c>\\}</c> is a bare brace).</summary>
    public static bool IsEscaped(string text, int i)
    {
        var backslashes = 0;
        for (var j = i - 1; j >= 0 && text[j] == '\\'; j--) backslashes++;
        return backslashes % 2 == 1;
    }
}
