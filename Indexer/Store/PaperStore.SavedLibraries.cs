using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// A library saved for its feed: the ids the reader starred and dismissed, an optional category expression and name.
/// Nothing else about the reader is kept; the capability token is known only by its hash.
/// </summary>
public sealed record SavedLibrary(
    long Id, IReadOnlyList<string> Positives, IReadOnlyList<string> Negatives, string? Categories, string? Name,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>SHA-256 as lowercase hex.</summary>
    public const int TokenHashLength = 64;

    public const int MaxNameLength = 200;

    /// <summary>
    /// The store key of a token: SHA-256 of its UTF-8 text, lowercase hex. Any text hashes (a malformed token simply
    /// matches nothing), so a wrong, malformed and revoked token take the same path through the lookup.
    /// </summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public sealed partial class PaperStore
{
    /// <summary>Saves a new library under <paramref name="tokenHash"/> (see <see cref="SavedLibrary.HashToken"/>).</summary>
    public Task<SavedLibrary> CreateSavedLibraryAsync(string tokenHash, IReadOnlyList<string> positives, IReadOnlyList<string> negatives,
        string? categories, string? name, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var row = new SavedLibraryRow { TokenHash = tokenHash, CreatedAt = now };
            Fill(row, positives, negatives, categories, name, now);
            db.SavedLibraries.Add(row);
            await db.SaveChangesAsync(ct);
            return ToRecord(row);
        }, ct);

    /// <summary>The live library saved under this hash, or null when there is none or it was revoked.</summary>
    public Task<SavedLibrary?> GetSavedLibraryAsync(string tokenHash, CancellationToken ct = default) =>
        ReadAsync(async db => await LiveAsync(db, tokenHash, tracking: false, ct) is { } row ? ToRecord(row) : null, ct);

    /// <summary>Replaces a live library's contents; false when there is none under this hash or it was revoked.</summary>
    public Task<bool> UpdateSavedLibraryAsync(string tokenHash, IReadOnlyList<string> positives, IReadOnlyList<string> negatives,
        string? categories, string? name, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            if (await LiveAsync(db, tokenHash, tracking: true, ct) is not { } row) return false;
            Fill(row, positives, negatives, categories, name, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>
    /// Revokes a live library; false when there is none. The row stays (its hash keeps the token from ever meaning
    /// anything again) but its ids and name are erased: a revoked library holds nothing about its reader.
    /// </summary>
    public Task<bool> RevokeSavedLibraryAsync(string tokenHash, CancellationToken ct = default) =>
        WriteAsync(async db =>
        {
            if (await LiveAsync(db, tokenHash, tracking: true, ct) is not { } row) return false;
            var now = DateTimeOffset.UtcNow;
            Fill(row, [], [], null, null, now);
            row.RevokedAt = now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    private static async Task<SavedLibraryRow?> LiveAsync(PaperDbContext db, string tokenHash, bool tracking, CancellationToken ct)
    {
        var rows = tracking ? db.SavedLibraries.AsTracking() : db.SavedLibraries.AsNoTracking();
        // The unique index finds the row; comparing the hashes again in fixed time keeps the answer's timing from
        // depending on how much of a guessed hash matched, whatever the database's comparison does.
        var row = await rows.FirstOrDefaultAsync(r => r.TokenHash == tokenHash, ct);
        var expected = Encoding.ASCII.GetBytes(tokenHash);
        var found = Encoding.ASCII.GetBytes(row?.TokenHash ?? new string('0', tokenHash.Length));
        var same = CryptographicOperations.FixedTimeEquals(expected, found);
        return row is not null && same && row.RevokedAt is null ? row : null;
    }

    private static void Fill(SavedLibraryRow row, IReadOnlyList<string> positives, IReadOnlyList<string> negatives,
        string? categories, string? name, DateTimeOffset now)
    {
        row.Positives = JsonSerializer.Serialize(positives);
        row.Negatives = JsonSerializer.Serialize(negatives);
        row.Categories = categories;
        row.Name = name;
        row.UpdatedAt = now;
    }

    private static SavedLibrary ToRecord(SavedLibraryRow r) => new(r.Id,
        JsonSerializer.Deserialize<List<string>>(r.Positives) ?? [], JsonSerializer.Deserialize<List<string>>(r.Negatives) ?? [],
        r.Categories, r.Name, r.CreatedAt, r.UpdatedAt);
}
