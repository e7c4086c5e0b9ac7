using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;
using PaperSearch.Papers;

namespace PaperSearch.Web.Tests.Pages;

/// <summary>
/// A real host over one day of four papers, three with Chinese summaries: one whose TL;DR is about low-resolution face
/// recognition, one that says so only in its method, one about something else; for the tests of summaries on cards.
/// </summary>
public sealed class CardPagesApp : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2025, 4, 2);

    public static readonly Paper FaceTldr = Paper("2504.50001", "Recognising faces from tiny images",
        "We match faces captured at very low resolution against gallery photos.");

    public static readonly Paper FaceMethod = Paper("2504.50002", "Surveillance identity matching",
        "An identity matching system for surveillance cameras.");

    public static readonly Paper Speech = Paper("2504.50003", "Streaming speech translation",
        "Simultaneous speech translation with a streaming encoder.");

    public static readonly Paper Unsummarised = Paper("2504.50004", "Graph neural networks for molecules",
        "Message passing over molecular graphs.");

    public static readonly AiSummary FaceTldrSummary = new("提出一种低分辨率人脸识别方法，在监控图像上效果显著。",
        "监控摄像头拍到的人脸分辨率很低。", "用超分辨率网络先恢复细节。", "识别准确率提高百分之八。", "该方法适用于实际监控场景。");

    public static readonly AiSummary FaceMethodSummary = new("一个面向监控视频的身份匹配系统。",
        "监控视频中的身份匹配很难。", "先对低分辨率图像做人脸识别，再做轨迹关联。", "匹配准确率提升。", "系统可以部署。");

    public static readonly AiSummary SpeechSummary = new("流式语音翻译模型降低了延迟。",
        "同声传译需要低延迟。", "使用流式编码器。", "延迟降低一半。", "流式方法有效。");

    private static Paper Paper(string id, string title, string abstractText) => new()
    {
        Id = id, Title = title, Abstract = abstractText, Authors = ["Ann Bell"], Categories = ["cs.CV"], ListingDate = Day,
    };

    public PaperSearchApp App { get; } = new(new() { ["RateLimit:Enabled"] = "false" });

    public async Task InitializeAsync()
    {
        var store = App.Services.GetRequiredService<PaperStore>();
        await store.UpsertAsync([FaceTldr, FaceMethod, Speech, Unsummarised]);
        await store.UpsertSummariesAsync([(FaceTldr.Id, FaceTldrSummary, "test"), (FaceMethod.Id, FaceMethodSummary, "test"), (Speech.Id, SpeechSummary, "test")]);
        await App.Services.GetRequiredService<PaperIndexWriter>().CatchUpAsync();
    }

    /// <summary>A client that keeps cookies and does not follow redirects (a test sees a switch's answer).</summary>
    public HttpClient Client() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static AngleSharp.Dom.IElement Card(IHtmlDocument page, Paper paper) =>
        page.QuerySelector($"article.card[data-paper='{paper.Id}']") ?? throw new Xunit.Sdk.XunitException($"no card for {paper.Id}");

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
