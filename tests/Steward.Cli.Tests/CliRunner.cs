namespace Steward.Cli.Tests;

/// <summary>Runs the real <c>steward</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (null: an empty one, never the console's).</summary>
    public static async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var code = await StewardApp.RunAsync(args, input, stdout, stderr, TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }
}
