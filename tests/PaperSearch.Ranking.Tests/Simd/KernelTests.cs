using System.Diagnostics;
using System.Reflection;
using PaperSearch.Ranking.Simd;

namespace PaperSearch.Ranking.Tests.Simd;

[Trait("Category", "Kernels")]
public sealed class KernelTests
{
    [Fact]
    public void Kernels_MatchScalarTwin_WhenLengthsZeroTo256()
    {
        var failures = KernelChecks.Run();
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
    }

    [Fact]
    public async Task Kernels_MatchScalarTwin_WhenHardwareIntrinsicsDisabled()
    {
        var assembly = Assembly.GetExecutingAssembly().Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("kernel-checks");
        start.Environment["DOTNET_EnableHWIntrinsic"] = "0";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, output + errors);
        Assert.Contains("Avx2.IsSupported=False Vector256.IsHardwareAccelerated=False", output);
        Assert.Contains("kernel-checks: pass", output);
    }

    [Fact]
    public void Int8Dot_DoesNotOverflow_WhenAllExtremes()
    {
        var a = Enumerable.Repeat((sbyte)-128, 4096).ToArray();
        Assert.Equal(4096 * 16384, Int8Dot.Dot(a, a));
    }

    [Fact]
    public void Int8Dot_Throws_WhenLengthsDiffer() =>
        Assert.Throws<ArgumentException>(() => Int8Dot.Dot(new sbyte[3], new sbyte[4]));
}
