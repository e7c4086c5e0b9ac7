using Microsoft.AspNetCore.Components;

namespace PaperSearch.Web.Components.Pages;

/// <summary>Related papers streamed in after the paper (for browsers known to run blazor.web.js).</summary>
[StreamRendering]
public sealed class StreamedRelatedPapers : RelatedPapers;
