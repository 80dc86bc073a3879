using System.Globalization;
using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// The <c>monitor/&lt;metric&gt;</c> finding of a metric outside its threshold in one window: the same
/// finding whether <c>steward monitor run</c> computed the window or <c>steward check --store</c> read it back.
/// </summary>
public static class MonitorFindings
{
    public const string RulePrefix = "monitor/";

    public static bool IsMonitorBreach(Finding finding) =>
        finding.Category == Category.Alignment && finding.Subject.Kind == StewardKinds.Monitor &&
        finding.RuleId.StartsWith(RulePrefix, StringComparison.Ordinal);

    public static Finding Breach(ModelMonitor monitor, string metric, double value, Threshold threshold, DateTime start, DateTime end, long rows) => new()
    {
        RuleId = RulePrefix + metric,
        Severity = Severity.Error,
        Category = Category.Alignment,
        // The monitored model and version are what `steward remediate` maps to the workloads that deploy them.
        Subject = new Subject
        {
            File = monitor.Object.File,
            Line = monitor.Object.Location.Line,
            Kind = StewardKinds.Monitor,
            Name = monitor.Name,
            Namespace = monitor.Object.Namespace,
            Model = monitor.Model,
            ModelVersion = monitor.Version,
        },
        Message = $"{metric} = {value.ToString("G6", CultureInfo.InvariantCulture)} in the {monitor.Window} window from {MonitorRunner.Iso(start)}, outside its threshold ({threshold})",
        Evidence = new Dictionary<string, object?>
        {
            ["value"] = value,
            ["threshold"] = threshold.ToString(),
            ["windowStart"] = MonitorRunner.Iso(start),
            ["windowEnd"] = MonitorRunner.Iso(end),
            ["rows"] = rows,
        },
        SuggestedAction = monitor.Remediation is null ? null : $"remediation: {monitor.Remediation}",
    };

    /// <summary>The rule of a <c>monitor/&lt;metric&gt;</c> rule id, for reports that list rules (SARIF, JUnit).</summary>
    public static RuleDescriptor Rule(string ruleId) => new(
        ruleId, Severity.Error, Category.Alignment,
        $"Monitor metric {ruleId[RulePrefix.Length..]} within its threshold",
        "A Monitor's metric, computed over one window of the stored inference log, is outside the threshold of its spec.metrics. " +
        "`steward monitor report --format html` plots the metric over the windows; `steward remediate` proposes the Monitor's spec.remediation.");
}
