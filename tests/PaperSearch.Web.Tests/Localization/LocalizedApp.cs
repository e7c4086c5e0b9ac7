using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;
using PaperSearch.Web.Hardening;

namespace PaperSearch.Web.Tests.Localization;

/// <summary>A real host over three papers of one day (one with a Chinese summary, versions and a long author list), shared by the localization tests.</summary>
public sealed class LocalizedApp : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2025, 3, 18);

    public static readonly Paper Summarised = new()
    {
        Id = "2503.41001", Title = "Sparse attention for long documents", Abstract = "We study sparse attention over long documents.",
        Authors = ["Ann Bell", "Bo Li", "Cy Diaz", "Di Eng", "Ed Fox", "Flo Gu", "Gil Ho", "Hu Ito", "Ida Jo", "Jo Ka"],
        Categories = ["cs.CL", "cs.LG"], ListingDate = Day, Comments = "12 pages, 3 figures", License = "http://creativecommons.org/licenses/by/4.0/",
        Submitted = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), Version = 2,
        Versions = [new(1, new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), "120kb"), new(2, new DateTimeOffset(2025, 3, 16, 8, 0, 0, TimeSpan.Zero), "130kb")],
    };

    public static readonly AiSummary Summary = new("稀疏注意力处理长文档。", "长文档的注意力开销太大。", "提出稀疏注意力。", "速度提升三倍。", "稀疏注意力有效。");

    public static readonly Paper Other = new()
    {
        Id = "2503.41002", Title = "Attention sinks in retrieval", Abstract = "Attention sinks appear in retrieval models.",
        Authors = ["Kim Lu"], Categories = ["cs.CL"], ListingDate = Day,
    };

    public static readonly Paper Third = new()
    {
        Id = "2503.41003", Title = "Dense retrieval without attention", Abstract = "A retrieval model with no attention layers.",
        Authors = ["Mo Na", "Ny Ou"], Categories = ["cs.CL", "cs.IR"], ListingDate = Day,
    };

    public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });

    public async Task InitializeAsync()
    {
        var store = App.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync([Summarised, Other, Third]);
        await store.UpsertSummariesAsync([(Summarised.Id, Summary, "test")]);
        await App.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
    }

    /// <summary>A client that keeps cookies but does not follow redirects (so a test sees the switch's answer).</summary>
    public HttpClient Client(string? acceptLanguage = null)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Feeds and list JSON are output-cached by URL: empty the cache so the next request is rendered again.</summary>
    public async Task ForgetCachedOutputAsync()
    {
        var cache = App.Services.GetRequiredService<IOutputCacheStore>();
        await cache.EvictByTagAsync(OutputCachePolicies.Feeds, default);
        await cache.EvictByTagAsync(OutputCachePolicies.Lists, default);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
