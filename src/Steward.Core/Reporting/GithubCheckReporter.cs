using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>GitHub Actions workflow commands (<c>::error file=..,line=..::msg</c>), one per finding.</summary>
public sealed class GithubCheckReporter : ICheckReporter
{
    public string Format => "github";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        foreach (var f in result.Findings)
        {
            // A suppressed finding is shown, as a notice: it must not read as a failure in the pull request.
            var command = f.Suppressed is not null ? "notice" : f.Severity switch
            {
                Severity.Info => "notice",
                Severity.Warning => "warning",
                _ => "error",
            };
            var properties = new List<string>();
            if (f.Subject.File is not null) properties.Add("file=" + EscapeProperty(options.PathOf(f.Subject.File)));
            if (f.Subject.Line is { } line) properties.Add($"line={line}");
            if (f.Subject.Column is { } column) properties.Add($"col={column}");
            properties.Add("title=" + EscapeProperty(f.Suppressed is null ? f.RuleId : $"{f.RuleId} (suppressed)"));
            output.WriteLine($"::{command} {string.Join(',', properties)}::{EscapeData(Names.MessageWithSuppression(f))}");
        }
        var s = result.Summary;
        output.WriteLine($"steward check: {s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info(s){Names.SuppressedCount(s)}; desired state {Names.Cents(result.Cost.TotalMonthlyUsd):0.00} USD/month");
    }

    /// <summary>Escaping as the Actions runner's command parser expects it.</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
