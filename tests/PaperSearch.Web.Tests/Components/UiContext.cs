using Bunit;

namespace PaperSearch.Web.Tests.Components;

/// <summary>A bUnit context with what every component needs: the UI strings (components inject IStringLocalizer).</summary>
public abstract class UiContext : BunitContext
{
    protected UiContext() => Services.AddLocalization();
}
