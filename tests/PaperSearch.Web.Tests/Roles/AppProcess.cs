using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PaperSearch.TestSupport;

namespace PaperSearch.Web.Tests.Roles;

/// <summary>
/// The real executable in a child process (<c>dotnet PaperSearch.Web.dll --role … --data-dir … --urls …</c>), run from
/// its build output so the shipped appsettings.json applies, as an operator would start it. Output is kept for
/// assertions and failure messages.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(string name, Process process, Uri baseAddress, int dashboardPort)
    {
        Name = name;
        DashboardPort = dashboardPort;
        _process = process;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Name { get; }

    /// <summary>The loopback-only job dashboard listener's port (a free one per process: tests run side by side).</summary>
    public int DashboardPort { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output => string.Join('\n', _output);

    /// <param name="workingDirectory">Where the process starts (default: beside the dll, as an operator of the published
    /// app would); another folder is what <c>dotnet run --project Web</c> from the repository root does.</param>
    public static AppProcess Start(string name, string role, string dataDir, IReadOnlyDictionary<string, string> environment,
        string? workingDirectory = null)
    {
        var dll = WebDll();
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--role", role, "--data-dir", dataDir, "--urls", url }) start.ArgumentList.Add(a);
        foreach (var (key, value) in EnvironmentFor(environment)) start.Environment[key] = value;
        if (!environment.ContainsKey("Jobs__LocalDashboardPort")) start.Environment["Jobs__LocalDashboardPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = start };
        var app = new AppProcess(name, process, new Uri(url + "/"), int.Parse(start.Environment["Jobs__LocalDashboardPort"]!, System.Globalization.CultureInfo.InvariantCulture));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The child's environment: the caller's over <see cref="OfflineHarvest"/> (no test harvests from arXiv).</summary>
    public static Dictionary<string, string> EnvironmentFor(IReadOnlyDictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string>(OfflineHarvest.Environment);
        foreach (var (key, value) in environment) merged[key] = value;
        return merged;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (Kestrel listens only after every hosted service started).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} not healthy after {timeout}:\n{Output}");
    }

    /// <summary>The exit code once the process ends within <paramref name="timeout"/>; throws (with its output) if it does not.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"{Name} still running after {timeout}:\n{Output}"); }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no stop-time commit — a crashed replica.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
    }

    /// <summary>Web's own build output (same configuration as this test build), where its appsettings.json lies.</summary>
    private static string WebDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        // …/tests/PaperSearch.Web.Tests/bin/{Configuration}/net10.0/{rid}/ → …/Web/bin/{Configuration}/net10.0/{rid}/
        var rid = here.Name;
        var tfm = here.Parent!.Name;
        var configuration = here.Parent.Parent!.Name;
        var repo = here.Parent.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "Web", "bin", configuration, tfm, rid, "PaperSearch.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Web first (the test project references it).", dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
