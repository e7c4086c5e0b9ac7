namespace PaperSearch.Web.Status;

/// <summary>Counts and health for /status, /api/stats and the <c>stats</c> verb.</summary>
public sealed partial class StatusService
{
    public Task<StatusReport> GetAsync(int days = 60, CancellationToken ct = default) =>
        throw new NotImplementedException("being wired to the store by the lead");
}
