namespace PaperSearch.Ranking.TopK;

/// <summary>Log-domain sums: keep e^{±x} out of floating point so x ~ ±1e4 never overflows.</summary>
internal static class LogSum
{
    /// <summary>log(e^a + e^b), exact for a or b = −∞.</summary>
    public static double Add(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var max = Math.Max(a, b);
        return max + Math.Log(1 + Math.Exp(Math.Min(a, b) - max));
    }
}
