using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace PaperSearch.Web.Localization;

/// <summary>
/// Which language a page is in: the culture cookie set by the EN / 中文 switch, else Accept-Language (zh, zh-CN,
/// zh-Hans, zh-TW … all reach <c>zh</c> through their parent cultures), else English. The API, the feeds and the
/// OpenAPI document are for programs: they always run in the invariant culture, so nothing they write varies with
/// the reader's language or the server's locale.
/// </summary>
public static class UiCultures
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>The switch's address: <c>/culture/zh?return=/list/cs</c> sets the cookie and goes back.</summary>
    public const string SwitchPath = "/culture";

    public static readonly IReadOnlyList<CultureInfo> Supported = [new(English), new(Chinese)];

    /// <summary>Paths whose output must be byte-identical whatever the language (see the class summary).</summary>
    private static readonly string[] InvariantPrefixes = ["/api", "/feed", "/openapi", "/health"];

    /// <summary>Whether the page being rendered is in English (then English metadata needs no <c>lang</c> of its own).</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is English or "iv";

    /// <summary><c>lang="en"</c> for English paper metadata (titles, abstracts, authors) inside a page in another language.</summary>
    public static string? MetadataLang => IsEnglish ? null : English;

    /// <summary>The page's language for <c>&lt;html lang&gt;</c>.</summary>
    public static string PageLang => IsEnglish ? English : CultureInfo.CurrentUICulture.Name;

    public static IServiceCollection AddPaperSearchLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = [.. Supported];
            o.SupportedUICultures = [.. Supported];
            // Query string culture would make every page reachable under other URLs; the cookie and the header suffice.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Before the endpoints: pages get the reader's culture, machine-readable output the invariant one.</summary>
    public static IApplicationBuilder UsePaperSearchCultures(this IApplicationBuilder app)
    {
        app.UseWhen(http => !IsInvariantPath(http.Request.Path), pages => pages.UseRequestLocalization());
        app.UseWhen(http => IsInvariantPath(http.Request.Path), machine => machine.Use((http, next) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return next(http);
        }));
        return app;
    }

    public static bool IsInvariantPath(PathString path) => InvariantPrefixes.Any(p => path.StartsWithSegments(p));

    /// <summary>
    /// GET <c>/culture/{name}?return=…</c>: a plain link, so the switch works without JavaScript. It remembers the choice
    /// for a year in ASP.NET's own culture cookie and redirects to <c>return</c> only when that is a local path (never
    /// to another site: no open redirect); an unknown language is a 404.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet(SwitchPath + "/{name}", (string name, string? @return, HttpContext http) =>
        {
            if (Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } culture)
                return Results.NotFound();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true,
                    Secure = http.Request.IsHttps, IsEssential = true,
                });
            return Results.Redirect(IsLocal(@return) ? @return! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A path on this site ("/x", not "//host" or "/\host"), as ASP.NET's LocalRedirect checks it; without control
    /// characters, which a Location header cannot carry (a CR/LF would be a 500, not a redirect).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && RedirectHttpResult.IsLocalUrl(url) && !url.StartsWith('~') && !url.Any(char.IsControl);

    /// <summary>The switch link to <paramref name="culture"/> that comes back to <paramref name="here"/> (path and query).</summary>
    public static string SwitchHref(string culture, string here) =>
        $"{SwitchPath}/{culture}?return={Uri.EscapeDataString(here)}";
}
