using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>
/// GitLab's Code Quality report (<c>artifacts: reports: codequality</c>), the subset of the Code
/// Climate issue format GitLab reads: a JSON array of issues with description, check_name,
/// fingerprint, severity and location (path from the root of the Git work tree, first line).
/// </summary>
public sealed class CodeClimateCheckReporter : ICheckReporter
{
    public string Format => "codeclimate";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        var fingerprints = FindingFingerprint.For(result.Findings, options);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            for (var i = 0; i < result.Findings.Count; i++)
            {
                var f = result.Findings[i];
                w.WriteStartObject();
                var message = Names.MessageWithSuppression(f);
                w.WriteString("description", f.SuggestedAction is null ? message : $"{message}. {f.SuggestedAction}");
                w.WriteString("check_name", f.RuleId);
                w.WriteString("fingerprint", fingerprints[i]);
                // Code Quality has no suppression: a suppressed finding is shown at the lowest severity, marked in its description.
                w.WriteString("severity", f.Suppressed is null ? Severity(f.Severity) : "info");
                w.WriteStartObject("location");
                w.WriteString("path", f.Subject.File is null ? RepositoryFolder(options) : options.PathOf(f.Subject.File));
                w.WriteStartObject("lines");
                // GitLab requires a line; a finding about the repository as a whole points at its first.
                w.WriteNumber("begin", f.Subject.Line ?? 1);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>GitLab's scale is info, minor, major, critical, blocker; a failing error is major, critical stays critical.</summary>
    public static string Severity(Severity severity) => severity switch
    {
        Findings.Severity.Info => "info",
        Findings.Severity.Warning => "minor",
        Findings.Severity.Error => "major",
        _ => "critical",
    };

    /// <summary>Where a finding without a file (a budget scope, the repository as a whole) is shown: the repository folder.</summary>
    private static string RepositoryFolder(ReportOptions options) =>
        options.PathPrefix.Length == 0 ? "." : options.PathPrefix.TrimEnd('/');
}
