using Npgsql;

namespace PaperSearch.Indexer.Store;

/// <summary>
/// PostgreSQL connection strings: an Npgsql keyword string (<c>Host=…;Port=5432;Database=…;Username=…</c>) or a
/// <c>postgres://user:pass@host:port/db?sslmode=require</c> URL, which is converted to the keyword form.
/// </summary>
public static class PostgresConnection
{
    /// <summary>The Npgsql keyword form of <paramref name="urlOrKeywords"/>; <see cref="FormatException"/> with a readable message when it is neither.</summary>
    public static string Normalise(string urlOrKeywords)
    {
        var text = urlOrKeywords.Trim();
        if (text.Length == 0) throw new FormatException("The PostgreSQL connection string is empty.");
        try
        {
            return IsUrl(text) ? FromUrl(text) : new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{Redact(text)}' is not a PostgreSQL connection string ({e.Message}). " +
                                      "Use postgres://user:pass@host:port/db or Host=…;Port=…;Database=…;Username=…;Password=….", e);
        }
    }

    /// <summary><c>host:port/database</c> for messages: never the password.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(Normalise(connectionString));
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static string FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException("the URL has no host");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/')) throw new ArgumentException("the URL names no database (…/dbname)");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) b.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) b.Password = Uri.UnescapeDataString(userInfo[1]);
        // Query parameters are Npgsql keywords (sslmode=require, timeout=5, …); an unknown one is an error.
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
        }
        return b.ConnectionString;
    }

    // user:password@ in a URL, Password=… in keywords.
    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(://[^:/@]*:)[^@]*(@)|((?:password|pwd)\s*=)[^;]*", m =>
            m.Groups[1].Success ? m.Groups[1].Value + "***" + m.Groups[2].Value : m.Groups[3].Value + "***");
}
