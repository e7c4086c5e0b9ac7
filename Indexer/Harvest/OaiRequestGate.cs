using Microsoft.Extensions.Options;

namespace PaperSearch.Indexer.Harvest;

/// <summary>
/// Keeps the starts of two requests to the OAI endpoint at least <see cref="HarvestOptions.MinRequestSpacing"/>
/// apart, process-wide (one instance per process), retries included: arXiv blocks robots that go faster.
/// </summary>
public sealed class OaiRequestGate(IOptions<HarvestOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long? _lastStart;

    public async Task WaitTurnAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            if (_lastStart is { } last)
            {
                var wait = options.Value.MinRequestSpacing - time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
            }
            _lastStart = time.GetTimestamp();
        }
        finally
        {
            _turn.Release();
        }
    }
}

/// <summary>
/// Innermost handler: waits for the gate, then reads the whole body inside the attempt, so that a connection
/// reset in the middle of a body or a stalled body counts as a failed attempt (retried, timed out) rather than
/// surfacing after the resilience pipeline has already returned.
/// </summary>
internal sealed class OaiPolitenessHandler(OaiRequestGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        await gate.WaitTurnAsync(ct);
        var response = await base.SendAsync(request, ct);
        try
        {
            await response.Content.LoadIntoBufferAsync(ct);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
