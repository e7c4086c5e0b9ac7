using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>One app per test class over a few hundred real papers and the hostile one; rate limiting off.</summary>
public sealed class HardenedAppFixture : IAsyncLifetime
{
    public const int Papers = 300;
    private readonly TempDir _scratch = new("hardening");

    public PaperSearchApp App { get; } = new(new()
    {
        ["RateLimit:Enabled"] = "false",
        // Thousands of access-log lines would only slow the run down.
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
    });

    public async Task InitializeAsync()
    {
        var summary = await HardeningCorpus.ImportAsync(App.Services, HardeningCorpus.Write(_scratch, Papers, hostile: true));
        Assert.Equal(Papers + 1, summary.Inserted);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
