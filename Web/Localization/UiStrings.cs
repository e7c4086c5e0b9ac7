namespace PaperSearch.Web.Localization;

/// <summary>
/// The one resource of every UI string: <c>UiStrings.resx</c> (English, also the fallback) and <c>UiStrings.zh.resx</c>
/// (Chinese) beside this file. Components get it as <c>L</c> (<c>_Imports.razor</c>); a string is added to both files
/// under one key, and <c>UiStringsTests</c> fails when a key is in one file only or a component uses a key neither has.
/// </summary>
public sealed class UiStrings;
