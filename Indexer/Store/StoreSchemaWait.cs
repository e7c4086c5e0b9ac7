using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// Start-up of a process that must not migrate (a web replica): blocks until the indexer has applied every
/// migration, logging what it waits for, so the replica never serves from a missing or older schema.
/// </summary>
internal sealed class StoreSchemaWait(PaperStore store, ILogger<StoreSchemaWait> logger) : IHostedService
{
    internal static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var waited = 0;
        while (true)
        {
            string? reason;
            try
            {
                var pending = await store.PendingMigrationsAsync(cancellationToken);
                if (pending.Count == 0) break;
                reason = $"{pending.Count} migration(s) not applied yet ({pending[^1]})";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reason = e.Message; // e.g. the database server is still starting
            }
            // Every 15th attempt (~30 s) after the first, so a long wait stays readable.
            if (waited++ % 15 == 0)
                logger.LogWarning("Waiting for the indexer to migrate the store: {Reason}. This process does not migrate (role web); start one with --role indexer or all.", reason);
            await Task.Delay(Poll, cancellationToken);
        }
        if (waited > 0) logger.LogInformation("Store schema is current; starting.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
