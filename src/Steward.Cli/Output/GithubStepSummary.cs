using System.Text;
using Steward.Core;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Cli.Output;

/// <summary>
/// The job summary of GitHub Actions: <c>--format github</c> appends the Markdown report (verdict,
/// findings by severity, cost per workload with base, new and change) to the file the runner names
/// in <c>$GITHUB_STEP_SUMMARY</c>, as Infracost's pull-request comment shows the cost change.
/// </summary>
public static class GithubStepSummary
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    public static void AppendIfRequested(StewardEnvironment environment, CheckResult result, ReportOptions options)
    {
        if (environment.Variable(Variable) is not { } path) return;
        var text = new StringWriter();
        MarkdownCheckReporter.WriteSummary(result, text, options);
        try
        {
            // Other steps append to the same file: add to it, never replace it.
            File.AppendAllText(path, text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StewardInputException($"{path}: cannot append the job summary named by ${Variable}: {ex.Message}", ex);
        }
    }
}
