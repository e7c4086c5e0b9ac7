using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Compression;

/// <summary>
/// Streams row vectors into a D×D covariance without holding the data: batches go through
/// <see cref="Add"/> (split across cores), <see cref="Covariance"/> gives the population covariance.
/// Rows are shifted by the first row seen before squaring, so Σyyᵀ − nȳȳᵀ does not cancel
/// catastrophically when the mean is large against the spread (the "shifted data" algorithm).
/// </summary>
public sealed class CovarianceAccumulator(int dimension)
{
    private const int RowsPerThreadMin = 512;
    private readonly double[] _sum = new double[dimension];
    private readonly double[] _upper = new double[dimension * dimension];
    private double[]? _shift;

    public int Dimension { get; } = dimension > 0 ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension));

    public long Count { get; private set; }

    /// <summary>Adds a row-major batch of rows (length a multiple of <see cref="Dimension"/>).</summary>
    public void Add(ReadOnlyMemory<float> rows)
    {
        var d = Dimension;
        if (rows.Length % d != 0) throw new ArgumentException($"Batch length {rows.Length} is not a multiple of {d}.", nameof(rows));
        var n = rows.Length / d;
        if (n == 0) return;
        _shift ??= rows.Span[..d].ToArray().Select(v => (double)v).ToArray();

        var threads = Math.Clamp(n / RowsPerThreadMin, 1, Environment.ProcessorCount);
        var partials = new double[threads][];
        var sums = new double[threads][];
        Parallel.For(0, threads, t =>
        {
            var (acc, sum) = (new double[d * d], new double[d]);
            var y = new double[d];
            var span = rows.Span;
            for (var i = (int)((long)n * t / threads); i < (int)((long)n * (t + 1) / threads); i++)
            {
                var row = span.Slice(i * d, d);
                for (var j = 0; j < d; j++) y[j] = row[j] - _shift[j];
                TensorPrimitives.Add(sum, y, sum);
                // Rank-1 update of the upper triangle only: row j of acc gets y_j · y[j..].
                for (var j = 0; j < d; j++)
                {
                    var target = acc.AsSpan(j * d + j, d - j);
                    TensorPrimitives.MultiplyAdd(y.AsSpan(j), y[j], target, target);
                }
            }
            (partials[t], sums[t]) = (acc, sum);
        });
        for (var t = 0; t < threads; t++)
        {
            TensorPrimitives.Add(_upper, partials[t], _upper);
            TensorPrimitives.Add(_sum, sums[t], _sum);
        }
        Count += n;
    }

    /// <summary>The mean of all rows added.</summary>
    public double[] Mean()
    {
        RequireData();
        return _sum.Select((s, j) => _shift![j] + s / Count).ToArray();
    }

    /// <summary>Population covariance (divided by n, so its eigenvalues are per-vector squared errors), row-major D×D.</summary>
    public double[] Covariance()
    {
        RequireData();
        var d = Dimension;
        var cov = new double[d * d];
        for (var i = 0; i < d; i++)
        for (var j = i; j < d; j++)
        {
            var v = (_upper[i * d + j] - _sum[i] * _sum[j] / Count) / Count;
            cov[i * d + j] = v;
            cov[j * d + i] = v;
        }
        return cov;
    }

    private void RequireData()
    {
        if (Count == 0) throw new InvalidOperationException("No rows were added.");
    }
}
