using System.CommandLine;
using Steward.Cli.Commands;

namespace Steward.Cli;

/// <summary>
/// The <c>steward</c> command line: builds the command tree and runs it with the given writers,
/// so that end-to-end tests run the real CLI in-process.
/// </summary>
public static class StewardApp
{
    /// <param name="environment">The environment variables and standard input commands read; the process's by default.</param>
    public static RootCommand BuildRoot(StewardEnvironment? environment = null)
    {
        var root = new RootCommand("Steward: governance for AI workloads kept in Git (policy, alignment, FinOps, GitOps, supply chain).");
        foreach (var command in Commands(environment ?? StewardEnvironment.Process))
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Every top-level command. Each area adds its own factory here.</summary>
    private static IEnumerable<Command> Commands(StewardEnvironment environment)
    {
        yield return CheckCommand.Create(environment);
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
        RunAsync(args, stdout, stderr, StewardEnvironment.Process, cancellationToken);

    /// <param name="environment">The environment variables and standard input commands read (tests pass their own).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, StewardEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(environment);
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
