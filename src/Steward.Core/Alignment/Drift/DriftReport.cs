using System.Globalization;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;
using Steward.Core.Findings;

namespace Steward.Core.Alignment.Drift;

/// <summary>The drift verdict for one column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Kind">Numeric or categorical, as analysed.</param>
/// <param name="Method">The statistic applied.</param>
/// <param name="Statistic">The test statistic (KS D, chi-square, z) or the distance.</param>
/// <param name="PValue">The p-value for tests; null for distances.</param>
/// <param name="Threshold">Significance level (tests) or distance threshold.</param>
/// <param name="Drifted">The verdict: p below the threshold, or distance at or above it.</param>
/// <param name="Distribution">Reference and current proportions per bin or category (for reports).</param>
public sealed record ColumnDrift(
    string Column,
    ColumnKind Kind,
    DriftMethod Method,
    double Statistic,
    double? PValue,
    double Threshold,
    bool Drifted,
    BinnedDistributions Distribution);

/// <summary>Drift over all analysed columns, sorted by column name.</summary>
/// <param name="DriftShareThreshold">The share of drifted columns at which the dataset counts as drifted (Evidently: 0.5).</param>
public sealed record DriftReport(
    string Reference,
    string Current,
    IReadOnlyList<ColumnDrift> Columns,
    double DriftShareThreshold)
{
    public int DriftedCount => Columns.Count(c => c.Drifted);

    /// <summary>Drifted columns / analysed columns.</summary>
    public double DriftShare => Columns.Count == 0 ? 0 : (double)DriftedCount / Columns.Count;

    /// <summary>Evidently's dataset drift: share of drifted columns ≥ the threshold.</summary>
    public bool DatasetDrift => Columns.Count > 0 && DriftShare >= DriftShareThreshold;

    /// <summary>One warning per drifted column and an error when the dataset as a whole drifted.</summary>
    public IReadOnlyList<Finding> ToFindings()
    {
        var findings = new List<Finding>();
        foreach (var c in Columns.Where(c => c.Drifted))
        {
            var evidence = new Dictionary<string, object?>
            {
                ["method"] = DriftMethods.Name(c.Method),
                ["statistic"] = c.Statistic,
                ["p_value"] = c.PValue,
                ["threshold"] = c.Threshold,
            };
            var how = c.PValue is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"{DriftMethods.Name(c.Method)} p = {p:G4}, threshold {c.Threshold:G4}")
                : string.Create(CultureInfo.InvariantCulture, $"{DriftMethods.Name(c.Method)} = {c.Statistic:G4} >= {c.Threshold:G4}");
            findings.Add(new Finding
            {
                RuleId = "alignment.drift.column",
                Severity = Severity.Warning,
                Category = Category.Alignment,
                Subject = new Subject { File = Current, Name = c.Column },
                Message = $"Column '{c.Column}' drifted from the reference ({how}).",
                Evidence = evidence,
                SuggestedAction = "Check the upstream data for the column; retrain or recalibrate if the shift is real.",
            });
        }
        if (DatasetDrift)
        {
            findings.Add(new Finding
            {
                RuleId = "alignment.drift.dataset",
                Severity = Severity.Error,
                Category = Category.Alignment,
                Subject = new Subject { File = Current },
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Dataset drift: {DriftedCount} of {Columns.Count} columns drifted (share {DriftShare:G4} >= {DriftShareThreshold:G4})."),
                Evidence = new Dictionary<string, object?>
                {
                    ["drift_share"] = DriftShare,
                    ["drifted_columns"] = DriftedCount,
                    ["columns"] = Columns.Count,
                },
                SuggestedAction = "Review the model against the current data before it keeps serving.",
            });
        }
        findings.Sort(FindingOrder.Instance);
        return findings;
    }
}
