using PaperSearch.Ranking.Tests.Simd;

namespace PaperSearch.Ranking.Tests;

/// <summary>
/// Entry point of the test assembly (GenerateProgramFile=false). The test runner never calls it;
/// <c>dotnet exec PaperSearch.Ranking.Tests.dll kernel-checks</c> runs the SIMD kernel checks in a
/// fresh process, which is how a test reruns them with hardware intrinsics switched off.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["kernel-checks"]) return 2;
        Console.WriteLine(KernelChecks.Describe());
        var failures = KernelChecks.Run();
        foreach (var f in failures.Take(20)) Console.WriteLine(f);
        Console.WriteLine(failures.Count == 0 ? "kernel-checks: pass" : $"kernel-checks: {failures.Count} failures");
        return failures.Count == 0 ? 0 : 1;
    }
}
