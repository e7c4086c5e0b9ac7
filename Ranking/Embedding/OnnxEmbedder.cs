using System.Numerics.Tensors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace PaperSearch.Ranking.Embedding;

/// <summary>
/// A BERT-style sentence embedder run through our own ONNX Runtime session: FastBertTokenizer → batches of
/// length-sorted texts (little padding) → <c>last_hidden_state</c> → mean or CLS pooling → L2 norm.
/// Thread-safe: tokenization and each model run hold one lock (the reused buffers are shared), so a query
/// waits for at most one batch of a long bulk job, never for the whole job.
/// </summary>
public sealed class OnnxEmbedder : IEmbedder, IDisposable
{
    private readonly EmbeddingModel _model;
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer = new();
    private readonly QueryCache<float[]> _queryCache;
    private readonly Lock _gate = new();
    private readonly int _batchSize;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    // Reused across batches (guarded by _gate): token ids, mask, token types (always zero), hidden states.
    private readonly long[] _ids;
    private readonly long[] _mask;
    private readonly long[] _types;
    private readonly float[] _hidden;

    public OnnxEmbedder(EmbeddingModel model, ModelFiles files, EmbeddingOptions options)
    {
        var problems = OptionsRules.Problems(options);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (options.MaxTokens > model.MaxPositions)
            throw new ArgumentException($"{model.Id} takes at most {model.MaxPositions} tokens.", nameof(options));

        _model = model;
        MaxTokens = options.MaxTokens;
        Precision = ModelPrecision.IsInt8(options.Precision) ? ModelPrecision.Int8 : ModelPrecision.Fp32;
        _batchSize = options.BatchSize;
        _queryCache = new QueryCache<float[]>(options.CacheSize);

        using (var vocab = new StreamReader(files.VocabPath))
            _tokenizer.LoadVocabulary(vocab, convertInputToLowercase: true);

        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        try
        {
            _session = new InferenceSession(files.ModelPathFor(Precision), _sessionOptions);
        }
        catch
        {
            _sessionOptions.Dispose();
            _runOptions.Dispose();
            throw;
        }

        // BERT exports take input_ids + attention_mask and usually token_type_ids; feed whichever it declares.
        _inputNames = new[] { "input_ids", "attention_mask", "token_type_ids" }
            .Where(_session.InputMetadata.ContainsKey).ToArray();
        var hiddenName = _session.OutputMetadata.ContainsKey("last_hidden_state")
            ? "last_hidden_state"
            : _session.OutputMetadata.First(o => o.Value.Dimensions.Length == 3).Key;
        _outputNames = [hiddenName];
        Dimension = _session.OutputMetadata[hiddenName].Dimensions[^1];
        if (Dimension != model.Dimension)
            throw new InvalidDataException($"{model.Id}: model outputs {Dimension}-d states, expected {model.Dimension}.");

        var cells = _batchSize * MaxTokens;
        _ids = new long[cells];
        _mask = new long[cells];
        _types = new long[cells];
        _hidden = new float[cells * Dimension];
    }

    public bool IsAvailable => true;
    /// <summary>
    /// The model id, suffixed with <c>-int8</c> for the quantised model and with the token budget when it is not
    /// the default: vectors of another precision or truncation are not comparable, so they must not share a key
    /// (changing Precision or MaxTokens then re-embeds everything under the new key, and the old vectors stay
    /// under theirs, unread, until switched back).
    /// </summary>
    public string ModelId => IdFor(_model, MaxTokens, Precision);

    /// <summary>The key vectors of <paramref name="model"/> embedded with a budget of <paramref name="maxTokens"/>
    /// in <paramref name="precision"/> are stored under, e.g. <c>all-MiniLM-L6-v2</c>, <c>all-MiniLM-L6-v2-int8@128t</c>.</summary>
    public static string IdFor(EmbeddingModel model, int maxTokens, string precision = EmbeddingOptions.DefaultPrecision)
    {
        var id = ModelPrecision.IsInt8(precision) ? model.Id + "-int8" : model.Id;
        return maxTokens == EmbeddingOptions.DefaultMaxTokens ? id : $"{id}@{maxTokens}t";
    }

    /// <summary><see cref="ModelPrecision.Fp32"/> or <see cref="ModelPrecision.Int8"/>.</summary>
    public string Precision { get; }
    public int Dimension { get; }
    public int MaxTokens { get; }

    /// <summary>The model's query prefix (empty for MiniLM).</summary>
    public string QueryPrefix => _model.QueryPrefix;

    public void Embed(IReadOnlyList<string> texts, Span<float> output, CancellationToken cancellationToken = default)
    {
        var n = texts.Count;
        if (output.Length < n * Dimension)
            throw new ArgumentException($"Output holds {output.Length} floats; {n} texts need {n * Dimension}.", nameof(output));
        if (n == 0) return;

        var t = MaxTokens;
        var tokens = new long[n * t];
        var lengths = new int[n];
        lock (_gate)
        {
            // The tokenizer writes the mask too; the row is rebuilt from the length when packing.
            var scratchMask = _mask.AsSpan(0, t);
            for (var i = 0; i < n; i++)
                lengths[i] = _tokenizer.Encode(texts[i] ?? "", tokens.AsSpan(i * t, t), scratchMask);
        }

        // Shortest first: each batch is padded only to its own longest text.
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(lengths.ToArray(), order);

        for (var start = 0; start < n; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, n - start));
            RunBatch(batch, tokens, lengths, output);
        }
    }

    public ReadOnlyMemory<float> EmbedQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = EmbeddingText.CollapseWhitespace(query);
        if (_queryCache.TryGet(key, out var cached)) return cached;
        var vector = new float[Dimension];
        Embed([_model.QueryPrefix + key], vector);
        _queryCache.Set(key, vector);
        return vector;
    }

    private void RunBatch(ReadOnlySpan<int> batch, long[] tokens, int[] lengths, Span<float> output)
    {
        var b = batch.Length;
        var width = 0;
        foreach (var i in batch) width = Math.Max(width, lengths[i]);
        var t = MaxTokens;
        var d = Dimension;
        var cells = b * width;

        lock (_gate)
        {
            for (var r = 0; r < b; r++)
            {
                var len = lengths[batch[r]];
                var ids = _ids.AsSpan(r * width, width);
                var mask = _mask.AsSpan(r * width, width);
                tokens.AsSpan(batch[r] * t, len).CopyTo(ids);
                ids[len..].Clear();   // [PAD] = 0 in BERT vocabularies
                mask[..len].Fill(1);
                mask[len..].Clear();
            }

            var inputShape = new long[] { b, width };
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ids.AsMemory(0, cells), inputShape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _mask.AsMemory(0, cells), inputShape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _types.AsMemory(0, cells), inputShape);
            using var hiddenValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, _hidden.AsMemory(0, cells * d), new long[] { b, width, d });
            var inputs = _inputNames.Select(name => name switch
            {
                "input_ids" => idsValue,
                "attention_mask" => maskValue,
                _ => typesValue,
            }).ToArray();
            _session.Run(_runOptions, _inputNames, inputs, _outputNames, [hiddenValue]);

            for (var r = 0; r < b; r++)
            {
                var destination = output.Slice(batch[r] * d, d);
                var states = _hidden.AsSpan(r * width * d, width * d);
                Pool(states, lengths[batch[r]], d, destination);
            }
        }
    }

    private void Pool(ReadOnlySpan<float> states, int length, int d, Span<float> destination)
    {
        states[..d].CopyTo(destination); // CLS pooling stops here; mean pooling starts from the first token
        if (_model.Pooling == Pooling.Mean)
        {
            // The mean's 1/length is dropped: the L2 normalisation below cancels any positive scale.
            for (var k = 1; k < length; k++)
                TensorPrimitives.Add(destination, states.Slice(k * d, d), destination);
        }
        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0f) TensorPrimitives.Divide(destination, norm, destination);
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }
}
