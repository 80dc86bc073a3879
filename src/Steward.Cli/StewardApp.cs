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
    public static RootCommand BuildRoot() => BuildRoot(Commands.Select(c => c.Create));

    /// <summary>
    /// The tree needed to run <paramref name="args"/>: when the first argument names a command, only that
    /// command is built (start-up builds one command's options, not twelve); otherwise the whole tree,
    /// so that help, errors and suggestions see every command.
    /// </summary>
    internal static RootCommand BuildRootFor(IReadOnlyList<string> args)
    {
        if (args is ["--version"])
            return BuildRoot([]);
        var named = args.Count > 0 ? Commands.FirstOrDefault(c => c.Name == args[0]) : default;
        return named.Create is null ? BuildRoot() : BuildRoot([named.Create]);
    }

    private static RootCommand BuildRoot(IEnumerable<Func<Command>> factories)
    {
        var root = new RootCommand(RootDescription);
        foreach (var create in factories)
            root.Subcommands.Add(create());
        EnvironmentVariables.AddToHelp(root);
        return root;
    }

    /// <summary>Every top-level command by name, so one can be built without the others. Each area adds its own here.</summary>
    internal static readonly IReadOnlyList<(string Name, Func<Command> Create)> Commands =
    [
        ("check", CheckCommand.Create),
        ("policy", PolicyCommand.Create),
        ("diff", DiffCommand.Create),
        ("remediate", RemediateCommand.Create),
        ("audit", AuditCommand.Create),
        ("cost", CostCommand.Create),
        ("model", ModelCommand.Create),
        ("sbom", SbomCommand.Create),
        ("vuln", VulnCommand.Create),
        ("analyze", AnalyzeCommand.Create),
        ("ingest", IngestCommand.Create),
        ("monitor", MonitorCommand.Create),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (CommandHint.For(args) is { } hint)
        {
            await stderr.WriteLineAsync(hint);
            return ExitCodes.InputError;
        }

        var root = BuildRootFor(args);
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
