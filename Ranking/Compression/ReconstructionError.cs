using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Compression;

/// <summary>How much a projection loses on a sample: mean squared error per vector and relative error.</summary>
public static class ReconstructionError
{
    /// <summary>
    /// Returns (mean over rows of ‖x − x̂‖², Σ‖x − x̂‖² / Σ‖x − μ‖²) for a row-major n×D block.
    /// </summary>
    public static (double MeanSquared, double Relative) Measure(LowRankProjection projection, ReadOnlySpan<float> rows)
    {
        var d = projection.Dimension;
        var n = rows.Length / d;
        if (n == 0) return (0, 0);
        var code = new float[projection.Rank];
        var rebuilt = new float[d];
        var diff = new float[d];
        double error = 0, spread = 0;
        for (var i = 0; i < n; i++)
        {
            var x = rows.Slice(i * d, d);
            projection.Encode(x, code);
            projection.Decode(code, rebuilt);
            TensorPrimitives.Subtract(x, rebuilt, diff);
            error += TensorPrimitives.Dot(diff, diff);
            TensorPrimitives.Subtract(x, projection.Mean, diff);
            spread += TensorPrimitives.Dot(diff, diff);
        }
        return (error / n, spread > 0 ? error / spread : 0);
    }
}
