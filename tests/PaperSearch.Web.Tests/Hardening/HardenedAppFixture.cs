using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Hardening;

/// <summary>
/// An app over a few hundred real papers and the hostile one, rate limiting off, on one store provider; a test class
/// shares one per provider through <c>IClassFixture&lt;PerStore&lt;HardenedAppFixture&gt;&gt;</c>.
/// </summary>
public sealed class HardenedAppFixture : IStoreFixture<HardenedAppFixture>
{
    public const int Papers = 300;
    private readonly TempDir _scratch = new("hardening");

    private HardenedAppFixture(StoreKind kind) => App = new(new()
    {
        ["RateLimit:Enabled"] = "false",
        // Thousands of access-log lines would only slow the run down.
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
    }, kind);

    public PaperSearchApp App { get; }

    public static async Task<HardenedAppFixture> CreateAsync(StoreKind kind)
    {
        var fixture = new HardenedAppFixture(kind);
        var summary = await HardeningCorpus.ImportAsync(fixture.App.Services, HardeningCorpus.Write(fixture._scratch, Papers, hostile: true));
        Assert.Equal(Papers + 1, summary.Inserted);
        return fixture;
    }

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }
}
