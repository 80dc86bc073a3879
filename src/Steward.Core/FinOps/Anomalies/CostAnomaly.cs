using System.Globalization;
using Steward.Core.Findings;
using Steward.Core.FinOps.Reports;

namespace Steward.Core.FinOps.Anomalies;

/// <summary>A dimension value and how much its cost rose above its own expectation on an anomalous day.</summary>
public sealed record RootCause(string Dimension, string? Value, double Impact);

/// <summary>A day whose cost in a scope rose well above its usual level for that weekday.</summary>
/// <param name="Impact">Actual minus expected, in the billing currency.</param>
/// <param name="ImpactPercent">Impact as a percentage of the expected cost; null when nothing was expected.</param>
public sealed record CostAnomaly(DateOnly Date, CostScope Scope, double Actual, double Expected, double Threshold, double Impact,
    double? ImpactPercent, RootCause? RootCause)
{
    public const string RuleId = "cost-anomaly";

    /// <summary>For each root-cause dimension searched, its value whose cost rose most that day.</summary>
    public IReadOnlyList<RootCause> Contributors { get; init; } = [];

    /// <summary>The anomaly in Steward's common vocabulary.</summary>
    public Finding ToFinding(IReadOnlyList<string> dimensions, string metric, string? currency)
    {
        string M(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var scope = Scope.Describe(dimensions);
        var percent = ImpactPercent is { } p ? $", +{p.ToString("0", CultureInfo.InvariantCulture)}%" : "";
        var cause = RootCause is { } r ? $"; most of the rise: {r.Dimension}={r.Value ?? "(none)"} (+{M(r.Impact)})" : "";
        var evidence = new Dictionary<string, object?>
        {
            ["date"] = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["actual"] = Actual,
            ["expected"] = Expected,
            ["threshold"] = Threshold,
            ["impact"] = Impact,
            ["impact_percent"] = ImpactPercent,
            ["currency"] = currency,
        };
        if (RootCause is { } rc)
        {
            evidence["root_cause_dimension"] = rc.Dimension;
            evidence["root_cause_value"] = rc.Value;
            evidence["root_cause_impact"] = rc.Impact;
        }
        return new Finding
        {
            RuleId = RuleId,
            Severity = Severity.Warning,
            Category = Category.FinOps,
            Subject = new Subject { Scope = scope },
            Message = $"{metric} of {scope} on {evidence["date"]} was {M(Actual)} {currency}, expected {M(Expected)} (+{M(Impact)}{percent}){cause}",
            Evidence = evidence,
            SuggestedAction = RootCause is { } c ? $"Check what changed in {c.Dimension} {c.Value} on that day." : "Check what changed on that day.",
        };
    }
}
