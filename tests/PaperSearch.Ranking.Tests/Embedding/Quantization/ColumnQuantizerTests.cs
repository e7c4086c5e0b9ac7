using PaperSearch.Ranking.Embedding.Quantization;

namespace PaperSearch.Ranking.Tests.Embedding.Quantization;

public sealed class ColumnQuantizerTests
{
    [Fact]
    public void Quantize_ScalesEachColumnByItsOwnMaxOver127_WhenColumnsDifferInRange()
    {
        // 3×2; column 0 spans ±127/16, column 1 ±127/256 (powers of two keep the arithmetic exact): one scale
        // for both would leave column 1 with 16 of the 255 levels.
        float[] w = [127f / 16, -127f / 256, 32.5f / 16, 33.5f / 256, -1f, 3f / 256];
        var q = new sbyte[6];
        var scales = new float[2];

        ColumnQuantizer.Quantize(w, 3, 2, q, scales);

        Assert.Equal([1f / 16, 1f / 256], scales);
        Assert.Equal(new sbyte[] { 127, -127, 32, 34, -16, 3 }, q); // halves round to even: 32.5 → 32, 33.5 → 34
    }

    [Fact]
    public void Quantize_ReconstructsEveryWeightWithinHalfAStep_WhenWeightsAreRandom()
    {
        const int k = 37, n = 23;
        var random = new Random(7);
        var w = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() * 2 - 1) * (1 + random.Next(50))).ToArray();
        var q = new sbyte[k * n];
        var scales = new float[n];

        ColumnQuantizer.Quantize(w, k, n, q, scales);

        for (var r = 0; r < k; r++)
            for (var c = 0; c < n; c++)
                Assert.True(MathF.Abs(q[r * n + c] * scales[c] - w[r * n + c]) <= scales[c] / 2 * 1.0001f, $"w[{r},{c}]");
        for (var c = 0; c < n; c++)
        {
            var column = Enumerable.Range(0, k).Select(r => q[r * n + c]).ToArray();
            Assert.Equal(127, column.Max(x => Math.Abs((int)x))); // the largest weight of each column uses the full range
        }
    }

    [Fact]
    public void Quantize_IsSymmetric_WhenWeightsAreNegated()
    {
        float[] w = [0.3f, -0.7f, 0.11f, 0.9f];
        float[] negated = [.. w.Select(x => -x)];
        var (q, qn) = (new sbyte[4], new sbyte[4]);
        var (s, sn) = (new float[2], new float[2]);

        ColumnQuantizer.Quantize(w, 2, 2, q, s);
        ColumnQuantizer.Quantize(negated, 2, 2, qn, sn);

        Assert.Equal(s, sn);
        Assert.Equal(q.Select(x => (sbyte)-x), qn);
    }

    [Fact]
    public void Quantize_GivesZerosAndScaleOne_WhenColumnIsAllZero()
    {
        float[] w = [0f, 1f, 0f, -1f];
        var q = new sbyte[4];
        var scales = new float[2];

        ColumnQuantizer.Quantize(w, 2, 2, q, scales);

        Assert.Equal(1f, scales[0]);
        Assert.Equal(new sbyte[] { 0, 127, 0, -127 }, q);
    }

    [Fact]
    public void Quantize_Throws_WhenAWeightIsNotFinite()
    {
        Assert.Throws<ArgumentException>(() => ColumnQuantizer.Quantize([float.NaN, 1f], 1, 2, new sbyte[2], new float[2]));
    }
}
