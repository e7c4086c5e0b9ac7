using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Store;

// Usage: PaperSearch.HarvestChild <endpoint> <store-dir> <set>...   (the index lives in <store-dir>/index)
// Prints "page <n>" after each committed page (stdout flushed), "done" at the end; exit 1 on a failed run.
// The store provider comes from the environment as for the app: PaperSearch__Store=postgres and
// ConnectionStrings__PaperSearch put the store on PostgreSQL (the index stays in <store-dir>/index).
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: PaperSearch.HarvestChild <endpoint> <store-dir> <set>...");
    return 2;
}

var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var store = PaperStore.Open(new StoreOptions
{
    DataDir = args[1],
    Provider = StoreOptions.ParseProvider(environment["PaperSearch:Store"]),
    ConnectionString = environment.GetConnectionString("PaperSearch"),
});
await store.MigrateAsync();
// Opening the index replays whatever store changes a killed predecessor committed but never indexed.
using var index = await PaperIndexWriter.OpenAsync(Path.Combine(args[1], "index"), store);
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
services.AddLogging();
services.AddOaiHarvest();
services.Configure<HarvestOptions>(o =>
{
    o.Endpoint = new Uri(args[0]);
    o.Sets = [.. args[2..]];
    o.MinRequestSpacing = TimeSpan.Zero;
    o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
});
services.AddSingleton(store);
services.AddSingleton(index);
await using var sp = services.BuildServiceProvider();

try
{
    await sp.GetRequiredService<Harvester>().RunAsync(new HarvestRequest(), new ConsoleProgress(), CancellationToken.None);
    Console.Out.WriteLine("done");
    return 0;
}
catch (OaiHarvestException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

sealed class ConsoleProgress : IProgress<HarvestProgress>
{
    public void Report(HarvestProgress p)
    {
        Console.Out.WriteLine($"page {p.Set} {p.Pages}");
        Console.Out.Flush();
    }
}
