using Steward.Core.Findings;
using Steward.Core.Policy;
using YamlDotNet.Serialization;

namespace Steward.Core.Reporting;

/// <summary>
/// Findings as PolicyReport objects (wgpolicyk8s.io/v1alpha2), the format Kyverno and Gatekeeper
/// audit reports use, so that existing dashboards show Steward's findings: one PolicyReport per
/// namespace, and one ClusterPolicyReport for findings about objects without a namespace (models,
/// budgets, cluster-scoped objects). No timestamps, so that reports diff cleanly.
/// </summary>
public sealed class PolicyReportCheckReporter : ICheckReporter
{
    public const string ApiVersion = "wgpolicyk8s.io/v1alpha2";

    public string Format => "policyreport";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        var serializer = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();
        var groups = result.Findings.GroupBy(f => f.Subject.Namespace ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var first = true;
        foreach (var group in groups)
        {
            if (!first) output.WriteLine("---");
            first = false;
            output.Write(serializer.Serialize(Report(group.Key, group.ToList(), options)));
        }
        if (result.Findings.Count == 0) output.Write(serializer.Serialize(Report("", [], options)));
    }

    private static Dictionary<string, object?> Report(string ns, IReadOnlyList<Finding> findings, ReportOptions options)
    {
        var metadata = new Dictionary<string, object?> { ["name"] = ns.Length == 0 ? "steward-cluster" : "steward-" + ns };
        if (ns.Length > 0) metadata["namespace"] = ns;
        metadata["labels"] = new Dictionary<string, object?> { ["app.kubernetes.io/managed-by"] = "steward" };
        return new Dictionary<string, object?>
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = ns.Length == 0 ? "ClusterPolicyReport" : "PolicyReport",
            ["metadata"] = metadata,
            ["summary"] = new Dictionary<string, object?>
            {
                ["pass"] = findings.Count(f => Result(f) == "pass"),
                ["fail"] = findings.Count(f => Result(f) == "fail"),
                ["warn"] = findings.Count(f => Result(f) == "warn"),
                ["error"] = 0,
                ["skip"] = findings.Count(f => Result(f) == "skip"),
            },
            ["results"] = findings.Select(f => Entry(f, options)).ToList(),
        };
    }

    private static Dictionary<string, object?> Entry(Finding f, ReportOptions options)
    {
        var entry = new Dictionary<string, object?>
        {
            ["source"] = "steward",
            ["policy"] = f.RuleId,
            ["rule"] = f.RuleId,
            ["category"] = Names.Of(f.Category),
            ["severity"] = f.Severity switch
            {
                Severity.Critical => "critical",
                Severity.Error => "high",
                Severity.Warning => "medium",
                _ => "info",
            },
            ["result"] = Result(f),
            ["message"] = Names.MessageWithSuppression(f),
        };
        if (f.Subject.Kind is not null && f.Subject.Name is not null)
        {
            var resource = new Dictionary<string, object?>();
            if (f.Subject.ApiVersion is not null) resource["apiVersion"] = f.Subject.ApiVersion;
            resource["kind"] = f.Subject.Kind;
            resource["name"] = f.Subject.Name;
            if (f.Subject.Namespace is not null) resource["namespace"] = f.Subject.Namespace;
            entry["resources"] = new List<object> { resource };
        }
        var properties = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        if (f.Subject.File is not null) properties["file"] = options.PathOf(f.Subject.File);
        if (f.Subject.Line is { } line) properties["line"] = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.SuggestedAction is not null) properties["suggestedAction"] = f.SuggestedAction;
        if (properties.Count > 0) entry["properties"] = properties;
        return entry;
    }

    /// <summary>A suppressed finding is a skip, the result PolicyReports give an exempted check.</summary>
    private static string Result(Finding finding) => finding.Suppressed is not null ? "skip" : finding.Severity switch
    {
        >= Severity.Error => "fail",
        Severity.Warning => "warn",
        _ => "pass",
    };
}
