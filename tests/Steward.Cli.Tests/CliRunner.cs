namespace Steward.Cli.Tests;

/// <summary>Runs the real <c>steward</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunWithEnvironmentAsync(StewardEnvironment.Process, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (the process's variables).</summary>
    public static Task<Result> RunWithInputAsync(string? stdin, params string[] args) =>
        RunWithEnvironmentAsync(StewardEnvironment.Process.WithInput(new StringReader(stdin ?? "")), args);

    /// <summary>
    /// Runs with these environment variables instead of the process's (tests run in parallel: never set
    /// process variables). Standard input is empty unless the environment brings one, never the console's.
    /// </summary>
    public static async Task<Result> RunWithEnvironmentAsync(StewardEnvironment environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        if (ReferenceEquals(environment.StandardInput, Console.In)) environment = environment.WithInput(new StringReader(""));
        var code = await StewardApp.RunAsync(args, stdout, stderr, environment, TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }
}
