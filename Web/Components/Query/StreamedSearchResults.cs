using Microsoft.AspNetCore.Components;

namespace PaperSearch.Web.Components.Query;

/// <summary>The same results, streamed: the page paints at once and the hits follow when the search is done.</summary>
[StreamRendering]
public sealed class StreamedSearchResults : SearchResults;
