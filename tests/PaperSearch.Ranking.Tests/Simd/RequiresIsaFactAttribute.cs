using System.Runtime.Intrinsics.X86;

namespace PaperSearch.Ranking.Tests.Simd;

/// <summary>A fact that is reported as skipped, with the reason, on a CPU without the instruction set it tests.</summary>
public sealed class RequiresIsaFactAttribute : FactAttribute
{
    public RequiresIsaFactAttribute(string isa)
    {
        var supported = isa switch
        {
            nameof(AvxVnni) => AvxVnni.IsSupported,
            nameof(Avx2) => Avx2.IsSupported,
            _ => throw new ArgumentException($"Unknown instruction set {isa}."),
        };
        if (!supported) Skip = $"this CPU lacks {isa}: that path cannot run here (the other paths are still tested)";
    }
}
