using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PaperSearch.Indexer.Store;

/// <summary>Lets <c>dotnet ef migrations add X --project Indexer</c> build the model without the Web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PaperDbContext>
{
    public PaperDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PaperDbContext>();
        SqlitePragmas.Configure(builder, Path.Combine(Path.GetTempPath(), "papersearch-design"));
        return new PaperDbContext(builder.Options);
    }
}
