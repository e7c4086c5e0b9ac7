using System.Diagnostics;

namespace PaperSearch.Web.Cli;

/// <summary>
/// A live one-line progress display on a terminal (redrawn at most 5 times a second); when output is
/// redirected (CI, pipes, logs) nothing is drawn and only the final summary is printed by the verb, unless the
/// environment sets <c>PAPERSEARCH_PROGRESS=lines</c>: then every report becomes one line on stderr (for log
/// files, and for the crash tests, which time their kills from it).
/// </summary>
public sealed class ConsoleProgress<T>(Func<T, string> format) : IProgress<T>, IDisposable
{
    public const string LinesVariable = "PAPERSEARCH_PROGRESS";

    private readonly bool _live = !Console.IsOutputRedirected;
    private readonly bool _lines = Console.IsOutputRedirected
                                   && string.Equals(Environment.GetEnvironmentVariable(LinesVariable), "lines", StringComparison.OrdinalIgnoreCase);
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _width;
    private bool _drawn;

    public void Report(T value)
    {
        if (_lines)
        {
            lock (_gate) Console.Error.WriteLine("progress: " + format(value));
            return;
        }
        if (!_live) return;
        lock (_gate)
        {
            if (_drawn && _since.ElapsedMilliseconds < 200) return;
            _since.Restart();
            var line = format(value);
            var max = Math.Max(20, SafeWidth() - 1);
            if (line.Length > max) line = line[..max];
            Console.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            _drawn = true;
        }
    }

    /// <summary>A text bar such as <c>[#####.....]  52%</c>.</summary>
    public static string Bar(double fraction, int width = 24)
    {
        fraction = Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1);
        var filled = (int)Math.Round(fraction * width);
        return "[" + new string('#', filled) + new string('.', width - filled) + $"] {fraction,4:P0}";
    }

    public void Dispose()
    {
        if (_live && _drawn) Console.Write("\r" + new string(' ', _width) + "\r");
    }

    private static int SafeWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 100; }
        catch (IOException) { return 100; }
    }
}
