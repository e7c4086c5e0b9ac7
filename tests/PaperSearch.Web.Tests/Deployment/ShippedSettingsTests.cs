using System.Text.RegularExpressions;
using PaperSearch.TestSupport;
using PaperSearch.Web.Tests.Roles;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>
/// Started from another folder (as <c>dotnet run --project Web</c> from the repository root is), the app still applies
/// the appsettings.json built beside it: single-line timestamped logs, and Entity Framework's per-command logs off.
/// </summary>
public sealed partial class ShippedSettingsTests
{
    [Fact]
    public async Task App_AppliesItsShippedSettings_WhenStartedFromAnotherFolder()
    {
        using var dir = new TempDir("shipped-settings");
        var elsewhere = dir.Sub("cwd");
        Directory.CreateDirectory(elsewhere);
        await using var app = AppProcess.Start("app", "all", dir.Sub("data"), new Dictionary<string, string> { ["Embedding__Model"] = "none" }, elsewhere);

        await app.WaitHealthyAsync(TimeSpan.FromSeconds(90));

        Assert.False(File.Exists(Path.Combine(elsewhere, "appsettings.json")));
        Assert.Matches(ListeningLine(), app.Output); // one line: "2026-11-29T16:10:27.338 info: Microsoft.Hosting.Lifetime[14] Now listening on: …"
        Assert.DoesNotContain("Executed DbCommand", app.Output); // Microsoft.EntityFrameworkCore is at Warning in the shipped file
    }

    [GeneratedRegex(@"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} info: Microsoft\.Hosting\.Lifetime\[\d+\] Now listening on: ")]
    private static partial Regex ListeningLine();
}
