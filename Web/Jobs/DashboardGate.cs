
namespace PaperSearch.Web.Jobs;

/// <summary>
/// What stands before Hangfire's dashboard: <see cref="DashboardAccess"/> answered with a status a browser and a script
/// can act on (401 with a challenge, 429 with Retry-After, 403 with the reason), 405 for a GET of a command URL (Hangfire
/// reads a form there and fails with a 500), and a dashboard page that fails on a bad id (<c>/jobs/jobs/details/abc</c>)
/// answered 404 with one log line instead of a 500 with a stack trace.
/// </summary>
internal static class DashboardGate
{
    // Hangfire's POST-only routes: /stats, the batch and single-job commands (…/delete, …/requeue, …/enqueue,
    // /jobs/actions/…) and the recurring-job commands (/recurring/trigger, /recurring/remove, …).
    private static readonly string[] CommandSegments = ["delete", "requeue", "enqueue", "trigger", "remove", "disable", "enable"];

    public static bool IsCommand(PathString pathInDashboard)
    {
        var segments = (pathInDashboard.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return false;
        if (segments is ["stats"]) return true;
        if (segments.Length >= 2 && segments[0] == "jobs" && segments[1] == "actions") return true;
        return segments.Length >= 2 && CommandSegments.Contains(segments[^1], StringComparer.OrdinalIgnoreCase);
    }

    public static void UseDashboardGate(this IApplicationBuilder branch, DashboardAccess access, string? localUrl) =>
        branch.Use(async (http, next) =>
        {
            var verdict = access.Check(http);
            if (verdict != DashboardAccess.Verdict.Allowed) { await RefuseAsync(http, verdict, localUrl); return; }
            var inDashboard = http.Request.Path.StartsWithSegments(JobsHosting.DashboardPath, out var rest) ? rest : http.Request.Path;
            if (!HttpMethods.IsPost(http.Request.Method) && IsCommand(inDashboard))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = "POST";
                await http.Response.WriteAsync("This dashboard command takes a POST (its page's buttons send one).");
                return;
            }
            try { await next(http); }
            catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardGate))
                    .LogWarning("Dashboard request {Path} failed: {Error}", http.Request.Path.Value, e.Message);
                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsync("No such dashboard page or job.");
            }
        });

    private static Task RefuseAsync(HttpContext http, DashboardAccess.Verdict verdict, string? localUrl)
    {
        var local = localUrl is null ? "" : $" On the server's own machine it is at {localUrl}{JobsHosting.DashboardPath}.";
        var (status, message) = verdict switch
        {
            DashboardAccess.Verdict.NeedsCredentials => (StatusCodes.Status401Unauthorized,
                "The job dashboard needs the credentials in Jobs:DashboardUser / Jobs:DashboardPassword." + local),
            DashboardAccess.Verdict.Throttled => (StatusCodes.Status429TooManyRequests,
                "Too many wrong passwords from this address; try again in a second."),
            DashboardAccess.Verdict.NeedsHttps => (StatusCodes.Status403Forbidden,
                "The job dashboard's password is not accepted over plain HTTP from another machine: use HTTPS (or set Jobs:AllowBasicAuthOverHttp)." + local),
            _ => (StatusCodes.Status403Forbidden,
                "The job dashboard opens without credentials only on the local dashboard port, from the server's own machine." + local +
                " Set Jobs:DashboardUser and Jobs:DashboardPassword to allow access from elsewhere."),
        };
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        if (verdict == DashboardAccess.Verdict.NeedsCredentials)
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"PaperSearch jobs\", charset=\"UTF-8\"";
        if (verdict == DashboardAccess.Verdict.Throttled) http.Response.Headers.RetryAfter = "1";
        return http.Response.WriteAsync(message);
    }
}
