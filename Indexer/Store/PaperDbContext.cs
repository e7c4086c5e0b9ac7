using Microsoft.EntityFrameworkCore;
using PaperSearch.Categories;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// The system of record. Provider-neutral model: no raw SQL here, lists stored as JSON text, dates as the
/// provider's native types. This type carries the SQLite migrations; <see cref="PostgresPaperDbContext"/> is the same
/// model with PostgreSQL's own migrations (EF Core keeps one migration set per context type).
/// </summary>
public class PaperDbContext : DbContext
{
    public PaperDbContext(DbContextOptions<PaperDbContext> options) : base(options) { }

    /// <summary>For a per-provider subclass, whose options are typed by the subclass.</summary>
    protected PaperDbContext(DbContextOptions options) : base(options) { }

    internal DbSet<PaperRow> Papers => Set<PaperRow>();
    internal DbSet<SummaryRow> Summaries => Set<SummaryRow>();
    internal DbSet<EmbeddingRow> Embeddings => Set<EmbeddingRow>();
    internal DbSet<ProjectionRow> Projections => Set<ProjectionRow>();
    internal DbSet<HarvestCheckpointRow> HarvestCheckpoints => Set<HarvestCheckpointRow>();
    internal DbSet<HarvestRunRow> HarvestRuns => Set<HarvestRunRow>();
    internal DbSet<SavedLibraryRow> SavedLibraries => Set<SavedLibraryRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<PaperRow>(e =>
        {
            e.ToTable("papers");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(64);
            e.Property(p => p.ContentHash).HasMaxLength(64);
            e.HasIndex(p => p.Seq).IsUnique();
            e.HasIndex(p => p.ListingDate);
        });
        b.Entity<SummaryRow>(e =>
        {
            // No FK to papers: a summary may arrive before its paper and waits for it.
            e.ToTable("summaries");
            e.HasKey(s => s.PaperId);
            e.Property(s => s.PaperId).HasMaxLength(64);
            e.Property(s => s.Source).HasMaxLength(512);
        });
        b.Entity<EmbeddingRow>(e =>
        {
            e.ToTable("embeddings");
            e.HasKey(x => new { x.PaperId, x.Model });
            e.Property(x => x.PaperId).HasMaxLength(64);
            e.Property(x => x.Model).HasMaxLength(128);
            // (Model, PaperId), not Model alone: the catalog streams one model's vectors in PaperId keyset pages, and on
            // an index of Model alone SQLite sorted all of that model's rows for every page (a full read was quadratic).
            e.HasIndex(x => new { x.Model, x.PaperId });
        });
        b.Entity<ProjectionRow>(e =>
        {
            e.ToTable("projections");
            e.HasKey(x => x.Model);
            e.Property(x => x.Model).HasMaxLength(128);
        });
        b.Entity<HarvestCheckpointRow>(e =>
        {
            e.ToTable("harvest_checkpoints");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(256);
        });
        b.Entity<HarvestRunRow>(e =>
        {
            e.ToTable("harvest_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Key).HasMaxLength(256);
            e.HasIndex(x => new { x.Key, x.StartedAt });
        });
        b.Entity<SavedLibraryRow>(e =>
        {
            e.ToTable("saved_libraries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.TokenHash).HasMaxLength(SavedLibrary.TokenHashLength);
            e.Property(x => x.Categories).HasMaxLength(CategoryExpression.MaxLength);
            e.Property(x => x.Name).HasMaxLength(SavedLibrary.MaxNameLength);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
    }
}
