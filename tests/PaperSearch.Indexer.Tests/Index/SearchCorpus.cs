using PaperSearch.Papers;
using static PaperSearch.Indexer.Tests.TestPapers;

namespace PaperSearch.Indexer.Tests.Index;

/// <summary>A small hand-made corpus shared read-only by the query tests of one class.</summary>
public sealed class SearchCorpus : IAsyncLifetime
{
    internal TestIndex T { get; private set; } = null!;

    internal static readonly Paper[] Papers =
    [
        Make("2501.00001", "Attention Is All You Need Again", "We propose a transformer network based solely on attention mechanisms.",
            categories: ["cs.CL", "cs.LG"], listed: new(2025, 1, 10), authors: ["Ashish Vaswani", "Noam Shazeer"]),
        Make("2501.00002", "Deep Residual Learning for Image Recognition", "Deeper neural networks are more difficult to train. We present a residual learning framework.",
            categories: ["cs.CV"], listed: new(2025, 1, 11), authors: ["Kaiming He"]),
        Make("2501.00003", "Graph Neural Networks for Molecules", "Neural message passing on molecular graphs for quantum chemistry.",
            categories: ["physics.chem-ph", "cs.LG"], listed: new(2025, 1, 12), authors: ["Justin Gilmer"]),
        Make("2501.00004", "Quantum Error Correction with Surface Codes", "Surface codes protect logical qubits against noise.",
            categories: ["quant-ph"], listed: new(2025, 2, 1), authors: ["Austin Fowler"]) with { MscClasses = ["81P68"], AcmClasses = ["E.4"] },
        Make("2501.00005", "Tiny Faces, Big Gains", "We study identifying people from very small images.",
            categories: ["cs.CV"], listed: new(2025, 2, 2), authors: ["Li Wei"]),
        Make("2501.00006", "<script>alert(1)</script> Robust Transformers & Friends", "Robustness of transformers to adversarial prompts.",
            categories: ["cs.CR"], listed: new(2025, 2, 3), authors: ["Eve Mallory"]),
        Make("2501.00007", "Withdrawn Transformer Study", "This transformer paper has been withdrawn.",
            categories: ["cs.CL"], listed: new(2025, 2, 4)) with { Withdrawn = true },
        Make("hep-th/9901001", "String Theory Dualities", "Dualities relate different string theories.",
            categories: ["hep-th"], listed: new(1999, 1, 5), authors: ["Edward Witten"]),
    ];

    internal static readonly (string, AiSummary)[] Summaries =
    [
        ("2501.00005", new AiSummary("本文提出一种用于低分辨率人脸识别的知识蒸馏方法。", "监控图像中的人脸分辨率很低。", "知识蒸馏", "识别准确率提升", "有效")),
    ];

    public async Task InitializeAsync() => T = await TestIndex.CreateAsync(Papers, Summaries);

    public Task DisposeAsync()
    {
        T.Dispose();
        return Task.CompletedTask;
    }
}
