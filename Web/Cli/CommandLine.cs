using System.CommandLine;
using System.CommandLine.Invocation;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Cli;

/// <summary>
/// The command line on System.CommandLine: the host options (<c>--data-dir</c>, <c>--role</c>, <c>--urls</c>), <c>serve</c>
/// (also what no verb means) and one command per verb of <see cref="CliRunner.CreateVerbs"/>, each declared by its verb.
/// Help, completion (<c>[suggest]</c>) and response files (<c>@file</c>) come from System.CommandLine. Configuration
/// overrides for the .NET host (<see cref="HostArguments"/>) are lifted out before parsing and handed to the host
/// with the host options, for <c>serve</c> and for every verb alike.
/// </summary>
public sealed class CliCommandLine
{
    /// <summary>
    /// How long a verb has, after Ctrl+C or SIGTERM cancels its token, to stop on its own before the process exits
    /// anyway (130 / 143): the .NET host's default shutdown timeout, so a verb may finish its commit.
    /// </summary>
    public static readonly TimeSpan VerbStopTimeout = TimeSpan.FromSeconds(30);

    private readonly RootCommand _root = new("PaperSearch: search engine for research papers. No command runs the web server (serve).");
    private readonly Command _serve = new("serve", "(default) serve the UI, REST API and job server");
    private readonly Option<string?> _dataDir = new("--data-dir", "--data")
    {
        Description = "the data directory (default ./data; config key PaperSearch:DataDir)", HelpName = "DIR", Recursive = true,
    };
    private readonly Option<string?> _role = CliOptions.OneOf("--role", ProcessRoles.Names,
        "all (default, one process), indexer (jobs and the only index writer), web (the site, read-only index) or worker " +
        "(embedding range jobs); config key PaperSearch:Role");
    private readonly Option<string?> _urls = new("--urls") { Description = "the addresses to listen on, e.g. http://0.0.0.0:8080", HelpName = "URLS" };
    // Configuration overrides from response files, then from the line itself: the later wins, so the line overrides a file.
    private readonly List<string> _fromFiles = [];
    private readonly List<string> _fromLine = [];
    private readonly HashSet<string> _optionNames = [];

    /// <param name="serve">Runs the web host with the host arguments; it handles Ctrl+C and SIGTERM itself.</param>
    public CliCommandLine(Func<IReadOnlyList<string>, Task<int>> serve)
    {
        _role.Recursive = true;
        _root.Add(_dataDir);
        _root.Add(_role);
        _root.Add(_urls);
        _root.SetAction(parse => serve(HostArgs(parse)));
        _serve.Add(_urls);
        _serve.SetAction(parse => serve(HostArgs(parse)));
        _root.Add(_serve);
        foreach (var verb in CliRunner.CreateVerbs())
        {
            verb.Command.SetAction((parse, ct) => CliRunner.RunAsync(verb, parse, HostArgs(parse), ct));
            _root.Add(verb.Command);
        }
        // The old hand-written CLI's `help` verb, kept for the fingers that know it.
        var help = new Command("help", "show this help") { Hidden = true };
        help.SetAction(_ => _root.Parse(["--help"]).Invoke());
        _root.Add(help);
        foreach (var command in (IEnumerable<Command>)[_root, .. _root.Subcommands])
            foreach (var option in command.Options) _optionNames.UnionWith([option.Name, .. option.Aliases]);
    }

    /// <summary>Parses <paramref name="args"/>; configuration overrides, also those inside response files, are set aside for <see cref="HostArgs"/>.</summary>
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        _fromFiles.Clear();
        _fromLine.Clear();
        var parser = new ParserConfiguration();
        var expand = parser.ResponseFileTokenReplacer;
        if (expand is not null)
            parser.ResponseFileTokenReplacer = (string token, out IReadOnlyList<string>? tokens, out string? error) =>
            {
                if (!expand(token, out tokens, out error)) return false;
                tokens = HostArguments.Lift(tokens ?? [], _fromFiles, _optionNames);
                return true;
            };
        return _root.Parse(HostArguments.Lift(args, _fromLine, _optionNames), parser);
    }

    /// <summary>What the .NET host reads as its command line: the configuration overrides (response files', then the line's), then the host options as keys.</summary>
    public IReadOnlyList<string> HostArgs(ParseResult parse)
    {
        List<string> args = [.. _fromFiles, .. _fromLine];
        if (parse.GetValue(_dataDir) is { } dataDir) args.Add("--PaperSearch:DataDir=" + dataDir);
        if (parse.GetValue(_role) is { } role) args.Add("--PaperSearch:Role=" + role);
        if (parse.GetValue(_urls) is { } urls) args.Add("--urls=" + urls);
        return args;
    }

    /// <summary>Parses and runs: exit 0 ok, 1 failure, 2 usage error (parse errors are printed to <paramref name="error"/>).</summary>
    public async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parse = Parse(args);
        var command = parse.CommandResult.Command;
        var problems = parse.Action is ParseErrorAction ? parse.Errors.Select(e => e.Message).ToList()
            : parse.Action == command.Action ? HostArguments.UnknownOptions(parse) : [];
        if (problems.Count > 0) return PrintUsageErrors(problems, command, error);

        var serves = command == _root || command == _serve;
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Exceptions are the verbs' and the host's to report (CliRunner, Program); the web host in tests
            // (WebApplicationFactory) also stops Program by an exception that must reach it.
            EnableDefaultExceptionHandler = false,
            // A verb's token is cancelled on Ctrl+C and SIGTERM; serve's host has its own console lifetime.
            ProcessTerminationTimeout = serves ? null : VerbStopTimeout,
        });
    }

    /// <summary>One <c>error:</c> line per problem, then where the usage is: exit code 2.</summary>
    public static int PrintUsageErrors(IEnumerable<string> problems, Command command, TextWriter error)
    {
        foreach (var p in problems) error.WriteLine("error: " + p);
        error.WriteLine(command is RootCommand
            ? "Run with --help to list the commands."
            : $"Run '{string.Join(' ', CommandPath(command))} --help' for its usage.");
        return ExitCodes.Usage;
    }

    private static IEnumerable<string> CommandPath(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? [.. CommandPath(parent), command.Name] : [command.Name];
}
