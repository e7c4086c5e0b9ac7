using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.TestSupport;

namespace PaperSearch.E2E.Tests;

/// <summary>
/// The real app on 127.0.0.1 (Kestrel on a free port) over a data dir imported from the shared corpus,
/// and one headless Debian Chromium. Shared by every E2E test: setting it up is the slow part.
/// </summary>
public sealed class E2EApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDir _dir = new("e2e");
    private Factory? _factory;
    private IPlaywright? _playwright;

    public TestCorpus Corpus { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; private set; } = default!;
    public TimeSpan SetupTime { get; private set; }

    /// <summary>The running app's services (its resolved options, for checks on how the test host is configured).</summary>
    public IServiceProvider Services => _factory!.Services;
    public PaperSearch.Indexer.Import.ImportSummary Import { get; private set; } = default!;

    /// <summary>Screenshots land beside the test binaries, one PNG per page state.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Corpus = await TestCorpus.WriteAsync(_dir.Sub("input"));
        var dataDir = _dir.Sub("data");
        Import = await E2EData.ImportAsync(dataDir, Corpus);

        _factory = new Factory(dataDir);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDir);
        // Expect(...) retries for 5 s by default: too short when every test project runs at once on 2 cores (a list's
        // whole-day filter text or a typeset page can take longer). A wrong result still fails, after the wait.
        Assertions.SetDefaultExpectTimeout(20_000);
        SetupTime = clock.Elapsed;
    }

    /// <summary>A fresh browser context (own localStorage and cookies), desktop-sized and English unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1200, int height = 900, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            // The browser's language: Chromium sends it as Accept-Language.
            Locale = locale,
        });
        // Generous: CI runs every test project at once on 2 cores, and the crash tests embed with ONNX in child
        // processes meanwhile, so a first hybrid search can take well over 15 s. A broken page still fails, later.
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        // Any alert() would mean injected markup ran.
        page.Dialog += (_, dialog) => throw new InvalidOperationException("Unexpected dialog: " + dialog.Message);
        return page;
    }

    /// <summary>Long lists (hundreds of cards) are shot at viewport size: a full-page picture of them takes too long.</summary>
    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = fullPage, Timeout = 60_000 });

    /// <summary>
    /// README pictures (docs/screenshots): only when PAPERSEARCH_README_SCREENSHOTS names the folder, so a normal run
    /// never writes into the repository. Viewport-sized to keep the PNGs modest.
    /// </summary>
    public static async Task ReadmeScreenshotAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("PAPERSEARCH_README_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        _dir.Dispose();
    }

    private sealed class Factory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: static web assets (blazor.web.js, precompressed css/js) come from the build manifest, as with `dotnet run`.
            builder.UseEnvironment("Development");
            builder.UseSetting("PaperSearch:DataDir", dataDir);
            foreach (var (key, value) in OfflineHarvest.Settings) builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EApp>
{
    public const string Name = "e2e";
}
