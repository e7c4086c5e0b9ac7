using PaperSearch.Ranking.Compression;

namespace PaperSearch.Ranking.Learning;

/// <summary>A linear score s(x) = w·x + b over r-dimensional features.</summary>
public sealed record LinearScorer(float[] Weights, float Bias)
{
    public float Score(ReadOnlySpan<float> x) => System.Numerics.Tensors.TensorPrimitives.Dot(Weights, x) + Bias;
}

/// <summary>
/// Weighted regularised least squares in closed form: min Σ wᵢ(xᵢ·w + b − yᵢ)² + λ‖w‖², solved after centring through
/// the eigenbasis of the r×r weighted Gram matrix G = UΛUᵀ, w = U(Λ + λ)⁻¹Uᵀg (the pseudo-inverse route of the
/// compression notes with a deliberate ridge, so directions the data never varies in get no weight instead of a noisy
/// one). λ is given relative to the mean eigenvalue (tr G / r), so one setting suits any feature scale. With labels
/// 1/0 and class weights this is a least-squares SVM, the linear classifier arxiv-sanity-lite trains per tag.
/// </summary>
public static class RidgeScorer
{
    /// <param name="rows">n×r row-major features.</param>
    /// <param name="labels">n targets (1 = in the library, 0 = not).</param>
    /// <param name="weights">n sample weights (class balance, explicit negatives).</param>
    /// <param name="relativeLambda">the ridge as a fraction of the mean eigenvalue; &gt; 0.</param>
    public static LinearScorer Fit(ReadOnlySpan<float> rows, int r, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double relativeLambda)
    {
        var n = labels.Length;
        if (rows.Length != n * r || weights.Length != n) throw new ArgumentException("rows must be n×r with n labels and n weights.");
        if (relativeLambda <= 0) throw new ArgumentOutOfRangeException(nameof(relativeLambda), "The ridge must be positive.");
        double total = 0, meanY = 0;
        var mean = new double[r];
        for (var i = 0; i < n; i++)
        {
            total += weights[i];
            meanY += weights[i] * labels[i];
            for (var j = 0; j < r; j++) mean[j] += weights[i] * rows[i * r + j];
        }
        if (total <= 0) throw new ArgumentException("The weights must not all be zero.");
        meanY /= total;
        for (var j = 0; j < r; j++) mean[j] /= total;

        var gram = new double[r * r];
        var g = new double[r];
        var centred = new double[r];
        for (var i = 0; i < n; i++)
        {
            var wi = (double)weights[i];
            if (wi == 0) continue;
            for (var j = 0; j < r; j++) centred[j] = rows[i * r + j] - mean[j];
            var dy = labels[i] - meanY;
            for (var a = 0; a < r; a++)
            {
                var ca = wi * centred[a];
                g[a] += ca * dy;
                for (var b = a; b < r; b++) gram[a * r + b] += ca * centred[b];
            }
        }
        for (var a = 0; a < r; a++)
        for (var b = 0; b < a; b++) gram[a * r + b] = gram[b * r + a];

        var (values, vectors) = SymmetricEigen.Decompose(gram, r);
        var lambda = relativeLambda * Math.Max(values.Sum() / r, double.Epsilon);
        var w = new double[r];
        for (var k = 0; k < r; k++)
        {
            // Coordinate of g along eigenvector k, shrunk by (λ_k + λ).
            double along = 0;
            for (var a = 0; a < r; a++) along += vectors[a * r + k] * g[a];
            along /= Math.Max(values[k], 0) + lambda;
            for (var a = 0; a < r; a++) w[a] += along * vectors[a * r + k];
        }
        var bias = meanY;
        for (var j = 0; j < r; j++) bias -= w[j] * mean[j];
        return new LinearScorer(w.Select(x => (float)x).ToArray(), (float)bias);
    }
}
