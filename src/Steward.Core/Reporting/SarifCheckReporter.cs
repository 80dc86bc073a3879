using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>SARIF 2.1.0, as GitHub code scanning and other CI systems read it: one run, rules, results with regions.</summary>
public sealed class SarifCheckReporter : ICheckReporter
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public string Format => "sarif";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", Schema);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, result, options);
            w.WriteStartArray("results");
            var ruleIndex = RuleIds(result).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
            var fingerprints = FindingFingerprint.For(result.Findings, options);
            for (var i = 0; i < result.Findings.Count; i++) WriteResult(w, result.Findings[i], fingerprints[i], ruleIndex, options);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The rules that ran plus any rule a finding names that no descriptor covers.</summary>
    private static List<string> RuleIds(CheckResult result) =>
        result.Rules.Select(r => r.Id).Concat(result.Findings.Select(f => f.RuleId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static void WriteTool(Utf8JsonWriter w, CheckResult result, ReportOptions options)
    {
        var descriptors = result.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "steward");
        w.WriteString("version", options.ToolVersion);
        w.WriteStartArray("rules");
        foreach (var id in RuleIds(result))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            descriptors.TryGetValue(id, out var rule);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule?.Title ?? id);
            w.WriteEndObject();
            if (rule is not null)
            {
                w.WriteStartObject("fullDescription");
                w.WriteString("text", rule.HelpText);
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(rule.DefaultSeverity));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", Names.Of(rule.Category));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding finding, string fingerprint, Dictionary<string, int> ruleIndex, ReportOptions options)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", finding.RuleId);
        w.WriteNumber("ruleIndex", ruleIndex[finding.RuleId]);
        w.WriteString("level", Level(finding.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", finding.SuggestedAction is null ? finding.Message : $"{finding.Message}. {finding.SuggestedAction}");
        w.WriteEndObject();
        if (finding.Subject.File is not null)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", options.PathOf(finding.Subject.File));
            w.WriteEndObject();
            if (finding.Subject.Line is { } line)
            {
                w.WriteStartObject("region");
                w.WriteNumber("startLine", line);
                if (finding.Subject.Column is { } column) w.WriteNumber("startColumn", column);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        WriteFingerprints(w, fingerprint);
        if (finding.Suppressed is { } suppressed) WriteSuppression(w, suppressed, options);
        w.WriteStartObject("properties");
        w.WriteString("severity", Names.Of(finding.Severity));
        w.WriteString("category", Names.Of(finding.Category));
        w.WritePropertyName("evidence");
        JsonValues.WriteSorted(w, finding.Evidence);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// SARIF 2.1.0 §3.35: the result is kept, with a suppression of kind external (the PolicyException
    /// lives outside the file the result is in) whose status is accepted (it is approved and unexpired).
    /// </summary>
    private static void WriteSuppression(Utf8JsonWriter w, Suppression suppressed, ReportOptions options)
    {
        w.WriteStartArray("suppressions");
        w.WriteStartObject();
        w.WriteString("kind", "external");
        w.WriteString("status", "accepted");
        w.WriteString("justification", suppressed.Reason);
        if (suppressed.File is not null)
        {
            w.WriteStartObject("location");
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", options.PathOf(suppressed.File));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartObject("properties");
        w.WriteString("exception", suppressed.Exception);
        w.WriteString("approver", suppressed.Approver);
        w.WriteString("expiresAt", suppressed.ExpiresAt);
        if (suppressed.Ticket is not null) w.WriteString("ticket", suppressed.Ticket);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>
    /// GitHub code scanning combines <c>primaryLocationLineHash</c> with the repository, the file and
    /// the rule to identify an alert across commits. Steward's value identifies the object and the
    /// finding rather than the text of a line, so an alert survives edits above it. (codeql-action's
    /// upload logs that it computed a different hash from the line, and keeps Steward's.) The
    /// versioned key carries the same identity for other SARIF consumers.
    /// </summary>
    private static void WriteFingerprints(Utf8JsonWriter w, string fingerprint)
    {
        w.WriteStartObject("partialFingerprints");
        w.WriteString("primaryLocationLineHash", fingerprint);
        w.WriteString(FingerprintKey, fingerprint);
        w.WriteEndObject();
    }

    /// <summary>The partialFingerprints key of Steward's own finding identity (see <see cref="FindingFingerprint"/>).</summary>
    public const string FingerprintKey = "stewardFinding/v1";

    public static string Level(Severity severity) => severity switch
    {
        Severity.Info => "note",
        Severity.Warning => "warning",
        _ => "error",
    };
}
