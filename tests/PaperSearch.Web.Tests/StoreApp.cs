using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests;

/// <summary>An empty app on one store provider with a client; share it per class with <c>IClassFixture&lt;PerStore&lt;StoreApp&gt;&gt;</c>.</summary>
public sealed class StoreApp : IStoreFixture<StoreApp>
{
    private StoreApp(PaperSearchApp app) => (App, Client) = (app, app.CreateClient());

    public PaperSearchApp App { get; }
    public HttpClient Client { get; }

    public static Task<StoreApp> CreateAsync(StoreKind kind) => Task.FromResult(new StoreApp(new PaperSearchApp(store: kind)));

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
