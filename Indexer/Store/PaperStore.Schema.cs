using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

public sealed partial class PaperStore
{
    /// <summary>
    /// Migrations this code knows that the database has not applied yet (all of them when there is no schema).
    /// Read-only: a web replica asks this and waits for the indexer to migrate.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }
}
