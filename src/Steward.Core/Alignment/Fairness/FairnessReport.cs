using System.Globalization;
using Steward.Core.Findings;

namespace Steward.Core.Alignment.Fairness;

/// <summary>
/// Group metrics and the disparities between groups, with Fairlearn's definitions: a difference is
/// max − min over the groups, a ratio is min / max; equal opportunity difference is the TPR difference;
/// equalized odds difference is max(TPR difference, FPR difference). Groups whose rate is undefined
/// (NaN) are left out of that rate's min and max. Disparate impact is each group's selection rate
/// divided by the reference group's.
/// </summary>
public sealed record FairnessReport
{
    public FairnessReport(IEnumerable<GroupMetrics> groups, string? referenceGroup = null)
    {
        Groups = groups.OrderBy(g => g.Group, StringComparer.Ordinal).ToList();
        if (Groups.Count == 0) throw new ArgumentException("No groups to compare.");
        DemographicParityDifference = Difference(g => g.SelectionRate);
        DemographicParityRatio = RatioOf(g => g.SelectionRate);
        EqualOpportunityDifference = Difference(g => g.TruePositiveRate);
        var fprDifference = Difference(g => g.FalsePositiveRate);
        EqualizedOddsDifference = double.IsNaN(EqualOpportunityDifference) ? fprDifference
            : double.IsNaN(fprDifference) ? EqualOpportunityDifference
            : Math.Max(EqualOpportunityDifference, fprDifference);

        // Default reference: the group selected most often (the four-fifths rule compares with it); ties by name.
        ReferenceGroup = referenceGroup ?? Groups
            .Where(g => !double.IsNaN(g.SelectionRate))
            .OrderByDescending(g => g.SelectionRate).ThenBy(g => g.Group, StringComparer.Ordinal)
            .First().Group;
        var reference = Groups.FirstOrDefault(g => g.Group == ReferenceGroup)
            ?? throw new StewardInputException($"reference group '{ReferenceGroup}' not found (groups: {string.Join(", ", Groups.Select(g => g.Group))})");
        DisparateImpact = Groups.ToDictionary(g => g.Group, g => g.SelectionRate / reference.SelectionRate, StringComparer.Ordinal);
    }

    /// <summary>The groups, sorted by name.</summary>
    public IReadOnlyList<GroupMetrics> Groups { get; }

    public double DemographicParityDifference { get; }
    public double DemographicParityRatio { get; }
    public double EqualOpportunityDifference { get; }
    public double EqualizedOddsDifference { get; }
    public string ReferenceGroup { get; }

    /// <summary>Selection rate of each group / selection rate of <see cref="ReferenceGroup"/>.</summary>
    public IReadOnlyDictionary<string, double> DisparateImpact { get; }

    private double Difference(Func<GroupMetrics, double> metric)
    {
        var values = Groups.Select(metric).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Max() - values.Min();
    }

    private double RatioOf(Func<GroupMetrics, double> metric)
    {
        var values = Groups.Select(metric).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0) return double.NaN;
        var max = values.Max();
        return max == 0 ? double.NaN : values.Min() / max;
    }

    /// <summary>
    /// Findings for groups whose disparate impact falls below <paramref name="minimumRatio"/> (the
    /// four-fifths rule by default) and for a demographic parity difference above <paramref name="maximumDifference"/>.
    /// </summary>
    public IReadOnlyList<Finding> ToFindings(string subjectFile, double minimumRatio = 0.8, double maximumDifference = 0.1)
    {
        var findings = new List<Finding>();
        foreach (var (group, ratio) in DisparateImpact.Where(kv => kv.Value < minimumRatio))
        {
            findings.Add(new Finding
            {
                RuleId = "alignment.fairness.disparate-impact",
                Severity = Severity.Warning,
                Category = Category.Alignment,
                Subject = new Subject { File = subjectFile, Name = group },
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Group '{group}' is selected at {ratio:G4} times the rate of '{ReferenceGroup}' (below {minimumRatio:G4})."),
                Evidence = new Dictionary<string, object?> { ["disparate_impact"] = ratio, ["reference_group"] = ReferenceGroup },
                SuggestedAction = "Review the model's decisions for this group; consider mitigation or recalibration.",
            });
        }
        if (DemographicParityDifference > maximumDifference)
        {
            findings.Add(new Finding
            {
                RuleId = "alignment.fairness.demographic-parity",
                Severity = Severity.Warning,
                Category = Category.Alignment,
                Subject = new Subject { File = subjectFile },
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Demographic parity difference {DemographicParityDifference:G4} exceeds {maximumDifference:G4}."),
                Evidence = new Dictionary<string, object?>
                {
                    ["demographic_parity_difference"] = DemographicParityDifference,
                    ["demographic_parity_ratio"] = DemographicParityRatio,
                },
            });
        }
        findings.Sort(FindingOrder.Instance);
        return findings;
    }
}
