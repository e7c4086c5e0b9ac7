using PaperSearch.Web.Cli;

namespace PaperSearch.Web.Tests.Cli;

/// <summary>The command line as Program runs it, inside the test process; <c>serve</c> is refused (the site's tests use PaperSearchApp).</summary>
internal static class InProcessCli
{
    public static CliCommandLine Create() => new(_ => throw new InvalidOperationException("serve is not run in-process by the CLI tests."));

    public static Task<int> RunAsync(params string[] args) => Create().InvokeAsync(args, Console.Out, Console.Error);
}
