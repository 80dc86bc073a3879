namespace Steward.Cli.Tests;

/// <summary>Runs the real <c>steward</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunWithEnvironmentAsync(StewardEnvironment.Process, args);

    /// <summary>Runs with these environment variables instead of the process's (tests run in parallel: never set process variables).</summary>
    public static async Task<Result> RunWithEnvironmentAsync(StewardEnvironment environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StewardApp.RunAsync(args, stdout, stderr, environment, TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }
}
