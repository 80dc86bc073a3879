using System.CommandLine;
using Steward.Cli.Commands;

namespace Steward.Cli;

/// <summary>
/// The <c>steward</c> command line: builds the command tree and runs it with the given writers,
/// so that end-to-end tests run the real CLI in-process.
/// </summary>
public static class StewardApp
{
    public static RootCommand BuildRoot() => BuildRoot(null);

    /// <param name="stdin">What `--manifests -` reads; null for the console's standard input.</param>
    public static RootCommand BuildRoot(TextReader? stdin)
    {
        var root = new RootCommand("Steward: governance for AI workloads kept in Git (policy, alignment, FinOps, GitOps, supply chain).");
        foreach (var command in Commands(stdin))
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Every top-level command. Each area adds its own factory here.</summary>
    private static IEnumerable<Command> Commands(TextReader? stdin)
    {
        yield return CheckCommand.Create(stdin);
        yield return PolicyCommand.Create();
        yield return DiffCommand.Create();
        yield return RemediateCommand.Create();
        yield return AuditCommand.Create();
        yield return CostCommand.Create();
        yield return ModelCommand.Create();
        yield return SbomCommand.Create();
        yield return VulnCommand.Create();
        yield return AnalyzeCommand.Create();
        yield return IngestCommand.Create();
        yield return MonitorCommand.Create();
    }

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, null, stdout, stderr, cancellationToken);

    /// <param name="stdin">Standard input (for `--manifests -`); null for the console's.</param>
    public static async Task<int> RunAsync(string[] args, TextReader? stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(stdin);
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
