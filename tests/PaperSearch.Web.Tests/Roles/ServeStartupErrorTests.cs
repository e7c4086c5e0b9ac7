using PaperSearch.TestSupport;
using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Roles;

/// <summary>A server pointed at a store it cannot use says so in one line and stops, instead of hanging or dumping a stack.</summary>
public sealed class ServeStartupErrorTests
{
    [Theory]
    [InlineData("all")]
    [InlineData("web")]
    public async Task Serve_ExitsAtOnceWithOneLine_WhenPostgresIsUnreachable(string role)
    {
        using var dir = new TempDir("serve-unreachable");
        await using var app = AppProcess.Start("serve", role, dir.Path, new Dictionary<string, string>
        {
            ["PaperSearch__Store"] = "postgres",
            ["ConnectionStrings__PaperSearch"] = "Host=127.0.0.1;Port=1;Username=papersearch;Database=papersearch", // nothing listens on port 1
        });

        // Hangfire's PostgreSQL storage alone retries for about a minute before giving up; the store check comes first.
        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("error: cannot reach the PostgreSQL server", app.Output);
    }

    [Fact]
    public async Task Serve_ExitsWithTheMissingKey_WhenPostgresHasNoConnectionString()
    {
        using var dir = new TempDir("serve-noconn");
        await using var app = AppProcess.Start("serve", "all", dir.Path, new Dictionary<string, string> { ["PaperSearch__Store"] = "postgres" });

        Assert.Equal(ExitCodes.Usage, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("ConnectionStrings:PaperSearch", app.Output);
    }
}
