using System.Buffers.Text;
using System.Security.Cryptography;

namespace PaperSearch.Web.Library;

/// <summary>
/// The capability token of a saved library: the only thing that names it, so it must be unguessable. 32 bytes from the
/// system's CSPRNG (256 bits, beyond any guessing), base64url so it sits in a URL path unescaped (43 characters).
/// The store keeps only its hash (<see cref="PaperSearch.Indexer.Store.SavedLibrary.HashToken"/>).
/// </summary>
public static class LibraryToken
{
    public const int Bytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));
}

/// <summary>
/// What every request naming no live library gets, from the feed and the API alike: a wrong, a malformed and a revoked
/// token are one fixed answer (no trace id, no path, nothing that differs), so a response never tells which it was.
/// </summary>
public static class UnknownLibrary
{
    private const string Body = """{"title":"Not found.","status":404}""";

    public static IResult Result(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(Body, "application/problem+json", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
    }
}
