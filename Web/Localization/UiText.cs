using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace PaperSearch.Web.Localization;

/// <summary>
/// Formatting through the UI strings: dates take their pattern from the resources (an English and a Chinese order of
/// day, month and year) and the current culture's names; numbers the current culture's separators. <see cref="Html"/>
/// is for a sentence with a link or a tag inside: the template is ours (trusted markup), every argument is encoded
/// unless it is already a <see cref="MarkupString"/>.
/// </summary>
public static class UiText
{
    public static string Number(this IStringLocalizer<UiStrings> _, long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A day in the pattern named by <paramref name="formatKey"/> (a <c>Format.*</c> key).</summary>
    public static string Date(this IStringLocalizer<UiStrings> l, DateOnly day, string formatKey) =>
        day.ToString(l[formatKey], CultureInfo.CurrentCulture);

    /// <summary>An instant, in UTC (as arXiv states its times), in the pattern named by <paramref name="formatKey"/>.</summary>
    public static string Date(this IStringLocalizer<UiStrings> l, DateTimeOffset instant, string formatKey) =>
        instant.UtcDateTime.ToString(l[formatKey], CultureInfo.CurrentCulture);

    public static MarkupString Html(this IStringLocalizer<UiStrings> l, string key, params object?[] args) =>
        new(string.Format(CultureInfo.CurrentCulture, l[key].Value,
            [.. args.Select(a => a is MarkupString m ? m.Value : WebUtility.HtmlEncode(Convert.ToString(a, CultureInfo.CurrentCulture) ?? ""))]));

    /// <summary>
    /// A sentence about <paramref name="count"/> things: <c>key.One</c> for exactly one ("1 paper"), else <c>key.Other</c>
    /// ("0 papers", "20 papers"). Both languages have both keys; Chinese, which has no plural, says the same in each.
    /// </summary>
    public static string Plural(this IStringLocalizer<UiStrings> l, string key, long count, params object[] args) =>
        l[PluralKey(key, count), args];

    /// <summary><see cref="Plural"/> for a sentence with markup, formatted as <see cref="Html"/> is.</summary>
    public static MarkupString PluralHtml(this IStringLocalizer<UiStrings> l, string key, long count, params object?[] args) =>
        l.Html(PluralKey(key, count), args);

    private static string PluralKey(string key, long count) => key + (count == 1 ? ".One" : ".Other");
}
