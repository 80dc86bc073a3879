using System.Text;
using System.Xml;
using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>
/// JUnit XML: one test suite per rule; each finding is a test case (errors as failures, warnings
/// and infos as passing cases with the message in system-out), and a rule without findings is one
/// passing case, so CI dashboards count what was checked.
/// </summary>
public sealed class JunitCheckReporter : ICheckReporter
{
    public string Format => "junit";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        var builder = new StringBuilder();
        using (var stringWriter = new Utf8StringWriter(builder))
        using (var xml = XmlWriter.Create(stringWriter, settings))
        {
            var byRule = result.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var ruleIds = result.Rules.Select(r => r.Id).Concat(byRule.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var failures = result.Findings.Count(f => f.IsBlocking);
            var tests = ruleIds.Sum(id => byRule.TryGetValue(id, out var f) ? f.Count : 1);
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "steward check");
            xml.WriteAttributeString("tests", tests.ToString());
            xml.WriteAttributeString("failures", failures.ToString());
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", result.Findings.Count(f => f.Suppressed is not null).ToString());
            foreach (var id in ruleIds)
            {
                var findings = byRule.GetValueOrDefault(id) ?? [];
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", id);
                xml.WriteAttributeString("tests", Math.Max(1, findings.Count).ToString());
                xml.WriteAttributeString("failures", findings.Count(f => f.IsBlocking).ToString());
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", findings.Count(f => f.Suppressed is not null).ToString());
                if (findings.Count == 0)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", $"{id}: no findings");
                    xml.WriteAttributeString("classname", "steward." + id);
                    xml.WriteEndElement();
                }
                foreach (var finding in findings)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", $"{id}: {Names.Location(finding.Subject)} {finding.Subject.Kind}/{finding.Subject.Name}".Trim());
                    xml.WriteAttributeString("classname", "steward." + id);
                    if (finding.Subject.File is not null) xml.WriteAttributeString("file", options.PathOf(finding.Subject.File));
                    if (finding.Subject.Line is { } line) xml.WriteAttributeString("line", line.ToString());
                    if (finding.Suppressed is { } suppressed)
                    {
                        // Kept and counted, as conftest counts exceptions: a skipped case, not a failure.
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", $"{Names.Of(finding.Severity)}: {finding.Message} ({suppressed.Describe()})");
                        xml.WriteString(Details(finding));
                        xml.WriteEndElement();
                    }
                    else if (finding.Severity >= Severity.Error)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", finding.Message);
                        xml.WriteAttributeString("type", Names.Of(finding.Severity));
                        xml.WriteString(Details(finding));
                        xml.WriteEndElement();
                    }
                    else
                    {
                        xml.WriteElementString("system-out", $"{Names.Of(finding.Severity)}: {finding.Message}\n{Details(finding)}");
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        output.WriteLine(builder.ToString());
    }

    private static string Details(Finding finding)
    {
        var lines = finding.Evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {JsonValues.ToText(kv.Value)}").ToList();
        if (finding.SuggestedAction is not null) lines.Add("fix: " + finding.SuggestedAction);
        return string.Join('\n', lines);
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
