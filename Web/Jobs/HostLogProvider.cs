using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace PaperSearch.Web.Jobs;

/// <summary>
/// Hangfire's logging through this host's logger factory. Hangfire keeps its log provider in a static, so in a process
/// that starts several hosts (the test suite does, in parallel) a host can be handed the provider of one already
/// disposed, and creating a logger then throws <see cref="ObjectDisposedException"/> out of its startup. Such a logger
/// is silent instead: the job machinery still runs, only that host's Hangfire messages go unlogged.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try { return _inner.GetLogger(name); }
        catch (ObjectDisposedException) { return SilentLog.Instance; }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
