using System.CommandLine;
using Steward.Cli.Commands;

namespace Steward.Cli;

/// <summary>
/// The <c>steward</c> command line: builds the command tree and runs it with the given writers,
/// so that end-to-end tests run the real CLI in-process.
/// </summary>
public static class StewardApp
{
    private const string RootDescription = "Steward: governance for AI workloads kept in Git (policy, alignment, FinOps, GitOps, supply chain).";

    /// <summary>The whole command tree (help of the root, documentation tests).</summary>
    /// <param name="environment">The environment variables and standard input commands read; the process's by default.</param>
    public static RootCommand BuildRoot(StewardEnvironment? environment = null) =>
        BuildRoot(Commands.Select(c => c.Create), environment ?? StewardEnvironment.Process);

    /// <summary>
    /// The tree needed to run <paramref name="args"/>: when the first argument names a command, only that
    /// command is built (start-up builds one command's options, not twelve); otherwise the whole tree,
    /// so that help, errors and suggestions see every command.
    /// </summary>
    internal static RootCommand BuildRootFor(IReadOnlyList<string> args, StewardEnvironment environment)
    {
        if (args is ["--version"])
            return BuildRoot([], environment);
        var named = args.Count > 0 ? Commands.FirstOrDefault(c => c.Name == args[0]) : default;
        return named.Create is null ? BuildRoot(environment) : BuildRoot([named.Create], environment);
    }

    private static RootCommand BuildRoot(IEnumerable<Func<StewardEnvironment, Command>> factories, StewardEnvironment environment)
    {
        var root = new RootCommand(RootDescription);
        foreach (var create in factories)
            root.Subcommands.Add(create(environment));
        EnvironmentVariables.AddToHelp(root);
        return root;
    }

    /// <summary>Every top-level command by name, so one can be built without the others. Each area adds its own here.</summary>
    internal static readonly IReadOnlyList<(string Name, Func<StewardEnvironment, Command> Create)> Commands =
    [
        ("check", CheckCommand.Create),
        ("policy", _ => PolicyCommand.Create()),
        ("diff", _ => DiffCommand.Create()),
        ("remediate", _ => RemediateCommand.Create()),
        ("audit", _ => AuditCommand.Create()),
        ("cost", _ => CostCommand.Create()),
        ("model", _ => ModelCommand.Create()),
        ("sbom", _ => SbomCommand.Create()),
        ("vuln", _ => VulnCommand.Create()),
        ("analyze", _ => AnalyzeCommand.Create()),
        ("ingest", _ => IngestCommand.Create()),
        ("monitor", _ => MonitorCommand.Create()),
        ("serve", _ => ServeCommand.Create()),
        ("canary", _ => CanaryCommand.Create()),
    ];

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, StewardEnvironment.Process, cancellationToken);

    /// <param name="environment">The environment variables and standard input commands read (tests pass their own).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, StewardEnvironment environment, CancellationToken cancellationToken = default)
    {
        if (CommandHint.For(args) is { } hint)
        {
            await stderr.WriteLineAsync(hint);
            return ExitCodes.InputError;
        }

        var root = BuildRootFor(args, environment);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await stderr.WriteLineAsync("steward: " + error.Message);
            await stderr.WriteLineAsync("Run 'steward --help' for usage.");
            return ExitCodes.InputError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (CommandFailure.IsInputError(ex))
        {
            await stderr.WriteLineAsync("steward: " + CommandFailure.Describe(ex));
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("steward: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            // An unexpected failure is still one line, never a stack trace; STEWARD_DEBUG shows it.
            await stderr.WriteLineAsync("steward: internal error: " + ex.Message);
            if (Environment.GetEnvironmentVariable("STEWARD_DEBUG") is { Length: > 0 })
                await stderr.WriteLineAsync(ex.ToString());
            return 3;
        }
    }
}
