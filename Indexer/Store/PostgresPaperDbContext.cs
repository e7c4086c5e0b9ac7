using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// The same model as <see cref="PaperDbContext"/> on PostgreSQL, with its own migrations
/// (<c>Store/Migrations/Postgres</c>): EF Core scaffolds migrations for one provider at a time, and its docs
/// recommend one context type per provider so each keeps its own set and snapshot.
/// </summary>
public sealed class PostgresPaperDbContext(DbContextOptions<PostgresPaperDbContext> options) : PaperDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql writes timestamptz only from offset-0 values; the sources and SQLite may carry other offsets.
        // The instant is what is stored either way (SQLite keeps the offset text, PostgreSQL normalises to UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
