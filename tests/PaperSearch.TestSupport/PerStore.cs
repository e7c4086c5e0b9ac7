using System.Collections.Concurrent;
using Xunit;

namespace PaperSearch.TestSupport;

/// <summary>A test fixture built for one store provider (e.g. an app with a corpus imported into that store).</summary>
public interface IStoreFixture<TSelf> : IAsyncDisposable where TSelf : IStoreFixture<TSelf>
{
    static abstract Task<TSelf> CreateAsync(StoreKind kind);
}

/// <summary>
/// A class fixture holding at most one <typeparamref name="T"/> per store provider, built on first use: a class whose
/// theories run per provider shares one app per provider, and never builds the PostgreSQL one when those rows are skipped.
/// </summary>
public sealed class PerStore<T> : IAsyncLifetime where T : IStoreFixture<T>
{
    private readonly ConcurrentDictionary<StoreKind, Lazy<Task<T>>> _built = new();

    public Task<T> GetAsync(StoreKind kind) => _built.GetOrAdd(kind, k => new Lazy<Task<T>>(() => T.CreateAsync(k))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var lazy in _built.Values)
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
                await lazy.Value.Result.DisposeAsync();
    }
}
