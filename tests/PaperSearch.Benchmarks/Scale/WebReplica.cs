using System.Diagnostics;

namespace PaperSearch.Benchmarks.Scale;

/// <summary>
/// A <c>--role web</c> process of the Release build over the data dir, as a replica runs in production: ready once the
/// server answers and the vector catalog has logged its load (it loads in the background after start).
/// </summary>
internal sealed class WebReplica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _vectorsLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient Client { get; }
    public double StartSeconds { get; private set; }
    public string VectorsLine => _vectorsLoaded.Task.IsCompleted ? _vectorsLoaded.Task.Result : "";

    private WebReplica(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public static async Task<WebReplica> StartAsync(string webDll, string dataDir, int port, string precision)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(webDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { webDll, "--role", "web", "--data-dir", dataDir, "--urls", $"http://127.0.0.1:{port}", "--RateLimit:Enabled=false", $"--Embedding:Precision={precision}",
                     "--Logging:LogLevel:Microsoft.AspNetCore=Warning" })
            info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        var replica = new WebReplica(Process.Start(info)!, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) });
        replica._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("vectors in", StringComparison.Ordinal) && line.Contains("Loaded", StringComparison.Ordinal))
                replica._vectorsLoaded.TrySetResult(line.Trim());
        };
        replica._process.ErrorDataReceived += (_, _) => { };
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (!replica._vectorsLoaded.Task.IsCompleted || !await replica.AnswersAsync())
        {
            if (replica._process.HasExited) throw new InvalidOperationException($"the web replica exited with {replica._process.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the web replica did not load its vectors within 15 minutes");
            await Task.Delay(500);
        }
        replica.StartSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {replica.VectorsLine}");
        return replica;
    }

    private async Task<bool> AnswersAsync()
    {
        try { return (await Client.GetAsync("health")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }

    public double RssMb() => Memory.RssMb(_process.Id);

    public double HighWaterMb() => Memory.HighWaterMb(_process.Id);

    public string RssSplit() => Memory.Split(_process.Id);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
