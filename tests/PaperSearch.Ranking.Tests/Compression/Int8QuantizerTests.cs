using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Tests.Compression;

public sealed class Int8QuantizerTests
{
    [Fact]
    public void Quantize_ErrorAtMostHalfScale_WhenRoundTripped()
    {
        var rng = new Random(3);
        const int r = 48, n = 200;
        var codes = Enumerable.Range(0, n * r).Select(i => (float)(Synthetic.Gaussian(rng) * (1 + i / r))).ToArray();
        var q = Int8Quantizer.Quantize(codes, r);
        var back = new float[r];
        for (var i = 0; i < n; i++)
        {
            q.Dequantize(i, back);
            for (var j = 0; j < r; j++)
                Assert.True(Math.Abs(back[j] - codes[i * r + j]) <= q.Scale(i) / 2 * (1 + 1e-5), $"row {i} col {j}");
            Assert.Contains(q.Row(i).ToArray(), v => Math.Abs((int)v) == 127);
        }
    }

    [Fact]
    public void Quantize_GivesZeroScale_WhenVectorIsZero()
    {
        var q = Int8Quantizer.Quantize(new float[8], 4);
        Assert.Equal([0f, 0f], [q.Scale(0), q.Scale(1)]);
        Assert.All([.. q.Row(0), .. q.Row(1)], v => Assert.Equal(0, v));
    }
}
