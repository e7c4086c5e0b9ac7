using System.Numerics.Tensors;

namespace PaperSearch.Ranking.Compression;

/// <summary>
/// A linear code for D-dimensional vectors: c = (x − μ)P (P is D×r, stored as <see cref="Encoder"/>,
/// r×D row-major with row j = column j of P) and x̂ = μ + cQ (Q is r×D, <see cref="Decoder"/>).
/// For PCA, P = V_r and Q = V_rᵀ are the same array. Serialises to a byte[] for the store's
/// <c>projections</c> table.
/// </summary>
public sealed class LowRankProjection
{
    private const int Magic = 0x524C5350; // "PSLR"
    private const int FormatVersion = 1;

    public LowRankProjection(int dimension, int rank, float[] mean, float[] encoder, float[] decoder, double explainedVarianceRatio)
    {
        if (dimension < 1 || rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), "Dimension and rank must be positive.");
        if (mean.Length != dimension) throw new ArgumentException("Mean must have D entries.", nameof(mean));
        if (encoder.Length != rank * dimension || decoder.Length != rank * dimension)
            throw new ArgumentException("Encoder and decoder must have r×D entries.");
        (Dimension, Rank, Mean, Encoder, Decoder, ExplainedVarianceRatio) = (dimension, rank, mean, encoder, decoder, explainedVarianceRatio);
    }

    public int Dimension { get; }
    public int Rank { get; }
    public float[] Mean { get; }
    public float[] Encoder { get; }
    public float[] Decoder { get; }
    public double ExplainedVarianceRatio { get; }

    /// <summary>True when the decoder is the encoder's transpose (orthonormal PCA basis).</summary>
    public bool IsOrthonormal => ReferenceEquals(Encoder, Decoder) || Encoder.AsSpan().SequenceEqual(Decoder);

    /// <summary>c = (x − μ)P.</summary>
    public void Encode(ReadOnlySpan<float> x, Span<float> code)
    {
        CheckLengths(x.Length, code.Length);
        Span<float> centred = Dimension <= 2048 ? stackalloc float[Dimension] : new float[Dimension];
        TensorPrimitives.Subtract(x, Mean, centred);
        for (var j = 0; j < Rank; j++) code[j] = TensorPrimitives.Dot(centred, Encoder.AsSpan(j * Dimension, Dimension));
    }

    /// <summary>Encodes a row-major n×D block into a row-major n×r block (in parallel chunks for large n).</summary>
    public float[] EncodeMany(ReadOnlyMemory<float> rows)
    {
        if (rows.Length % Dimension != 0) throw new ArgumentException("Rows must be a multiple of D.", nameof(rows));
        var n = rows.Length / Dimension;
        var codes = new float[(long)n * Rank];
        const int chunk = 4096;
        Parallel.For(0, (n + chunk - 1) / chunk, c =>
        {
            var span = rows.Span;
            for (var i = c * chunk; i < Math.Min(n, (c + 1) * chunk); i++)
                Encode(span.Slice(i * Dimension, Dimension), codes.AsSpan(i * Rank, Rank));
        });
        return codes;
    }

    /// <summary>x̂ = μ + cQ.</summary>
    public void Decode(ReadOnlySpan<float> code, Span<float> x)
    {
        CheckLengths(x.Length, code.Length);
        Mean.CopyTo(x);
        for (var j = 0; j < Rank; j++)
            TensorPrimitives.MultiplyAdd(Decoder.AsSpan(j * Dimension, Dimension), code[j], x, x);
    }

    /// <summary>
    /// The query-side "absorb" (MLA): ⟨q, x̂⟩ = ⟨q, μ⟩ + c·(Qqᵀ), so project the query once into
    /// <paramref name="projected"/> = Qqᵀ (r floats) and score codes directly. ⟨q, μ⟩ is the same for
    /// every candidate and does not change the order.
    /// </summary>
    public void ProjectQuery(ReadOnlySpan<float> query, Span<float> projected)
    {
        CheckLengths(query.Length, projected.Length);
        for (var j = 0; j < Rank; j++) projected[j] = TensorPrimitives.Dot(query, Decoder.AsSpan(j * Dimension, Dimension));
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(Dimension);
            w.Write(Rank);
            w.Write(ExplainedVarianceRatio);
            var orthonormal = IsOrthonormal;
            w.Write(orthonormal);
            WriteFloats(w, Mean);
            WriteFloats(w, Encoder);
            if (!orthonormal) WriteFloats(w, Decoder);
        }
        return stream.ToArray();
    }

    public static LowRankProjection FromBytes(byte[] data)
    {
        using var r = new BinaryReader(new MemoryStream(data));
        if (r.ReadInt32() != Magic) throw new FormatException("Not a PaperSearch low-rank projection.");
        var version = r.ReadInt32();
        if (version != FormatVersion) throw new FormatException($"Unsupported projection format version {version}.");
        var (d, rank, evr, orthonormal) = (r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadBoolean());
        if (d < 1 || rank < 1 || (long)d * rank > data.Length) throw new FormatException("Corrupt projection header.");
        var mean = ReadFloats(r, d);
        var encoder = ReadFloats(r, rank * d);
        var decoder = orthonormal ? encoder : ReadFloats(r, rank * d);
        return new LowRankProjection(d, rank, mean, encoder, decoder, evr);
    }

    private void CheckLengths(int vectorLength, int codeLength)
    {
        if (vectorLength != Dimension) throw new ArgumentException($"Vector length {vectorLength} ≠ D = {Dimension}.");
        if (codeLength != Rank) throw new ArgumentException($"Code length {codeLength} ≠ r = {Rank}.");
    }

    private static void WriteFloats(BinaryWriter w, float[] values) =>
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var values = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (r.Read(bytes) != bytes.Length) throw new FormatException("Projection data is truncated.");
        return values;
    }
}
