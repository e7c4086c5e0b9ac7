namespace PaperSearch.Web.Hardening;

/// <summary>
/// Framework-made problems (an unknown path, a wrong method) carry only a title; give each a detail a person can
/// act on. Problems our endpoints write already have a detail or an errors map and are left alone.
/// </summary>
internal static class ProblemDetailDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrWhiteSpace(problem.Detail)) return;
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 }) return;
        var request = context.HttpContext.Request;
        var path = Shorten(request.Path.Value ?? "/");
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is at {path}. The REST API is under /api (described at /openapi/v1.json); feeds are under /feed.",
            StatusCodes.Status405MethodNotAllowed => $"{path} does not accept {request.Method}; use GET.",
            StatusCodes.Status400BadRequest => "The request could not be read; check the parameters against /openapi/v1.json.",
            StatusCodes.Status413PayloadTooLarge => "The request is too large.",
            StatusCodes.Status415UnsupportedMediaType => "This endpoint does not take a request body of that type.",
            >= 500 => "The server failed on this request. It is logged under the traceId; retry later.",
            _ => $"The request to {path} was refused ({problem.Status}).",
        };
    }

    public static void Chain(ProblemDetailsOptions options)
    {
        var earlier = options.CustomizeProblemDetails;
        options.CustomizeProblemDetails = context =>
        {
            earlier?.Invoke(context);
            Fill(context);
        };
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
