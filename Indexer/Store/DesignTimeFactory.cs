using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PaperSearch.Indexer.Store;

/// <summary>Lets <c>dotnet ef migrations add X --project Indexer --context PaperDbContext</c> build the model without the Web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PaperDbContext>
{
    public PaperDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PaperDbContext>();
        SqlitePragmas.Configure(builder, Path.Combine(Path.GetTempPath(), "papersearch-design"));
        return new PaperDbContext(builder.Options);
    }
}

/// <summary>
/// The same for <c>--context PostgresPaperDbContext --output-dir Store/Migrations/Postgres</c>. Scaffolding needs no
/// server; <c>dotnet ef database update</c> would use the connection string given after <c>--</c>.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPaperDbContext>
{
    public PostgresPaperDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresPaperDbContext>();
        StoreContexts.ConfigurePostgres(builder, args.Length > 0 ? PostgresConnection.Normalise(args[0]) : "Host=localhost;Database=papersearch");
        return new PostgresPaperDbContext(builder.Options);
    }
}
