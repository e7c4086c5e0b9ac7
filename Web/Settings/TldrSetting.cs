using PaperSearch.Web.Localization;

namespace PaperSearch.Web.Settings;

/// <summary>
/// A reader's choice to see the TL;DR open on every card (what a Chinese reader screening a daily list wants) or folded
/// (the default), kept in the <c>ps-tldr</c> cookie. It is read on the server, so the page arrives with
/// <c>&lt;details open&gt;</c> and needs no script; what a page shows therefore varies with the cookie, and the ETag of
/// a page says so (<see cref="Hardening.ConditionalRequests"/>).
/// </summary>
public static class TldrSetting
{
    public const string Cookie = "ps-tldr";
    public const string Open = "open";
    public const string Folded = "folded";

    /// <summary>The switch's address: <c>/settings/tldr/open?return=/list/cs</c> sets the cookie and goes back.</summary>
    public const string SwitchPath = "/settings/tldr";

    /// <summary>Whether this reader asked for open TL;DRs; no request (a component rendered outside one) is folded.</summary>
    public static bool IsOpen(HttpContext? http) => http?.Request.Cookies[Cookie] == Open;

    /// <summary>What the cookie contributes to a cache key: its value when it is one the site knows, else nothing.</summary>
    public static string KeyOf(HttpRequest request) => request.Cookies[Cookie] == Open ? Open : "";

    public static string SwitchHref(string value, string here) => $"{SwitchPath}/{value}?return={Uri.EscapeDataString(here)}";

    /// <summary>
    /// GET <c>/settings/tldr/{open|folded}?return=…</c>: a plain link, as the language switch is. Remembers the choice for
    /// a year and redirects to <c>return</c> only when it is a local path (<see cref="UiCultures.IsLocal"/>: no open
    /// redirect); another value is a 404.
    /// </summary>
    public static IEndpointRouteBuilder MapTldrSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet(SwitchPath + "/{value}", (string value, string? @return, HttpContext http) =>
        {
            if (value is not (Open or Folded)) return Results.NotFound();
            http.Response.Cookies.Append(Cookie, value, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = http.Request.IsHttps, IsEssential = true,
            });
            return Results.Redirect(UiCultures.IsLocal(@return) ? @return! : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
