using System.Globalization;
using Steward.Core.Alignment.Canary;

namespace Steward.Core.Reporting.Canary;

/// <summary>The table of <c>steward canary judge</c>: one row per metric, then the groups and the verdict.</summary>
public static class CanaryTable
{
    public static void Write(TextWriter output, CanaryJudgement judgement, CanaryRemediation? remediation = null)
    {
        var metrics = new TextTable(
            ["METRIC", "GROUP", "DIRECTION", "CLASSIFICATION", "RATIO", "BASELINE MEAN", "CANARY MEAN", "N (B/C)"],
            [false, false, false, false, true, true, true, true]);
        foreach (var m in judgement.Metrics)
        {
            var label = CanaryNames.Classification(m.Classification.Label)
                + (m.Classification.Critical ? " (critical)" : "")
                + (m.Muted ? " (muted)" : "");
            metrics.Add(m.Name, m.Group, CanaryNames.Direction(m.Direction), label, Number(m.Classification.Ratio, "0.000"),
                Number(m.Baseline.Mean, "G6"), Number(m.Canary.Mean, "G6"), $"{m.Baseline.Count}/{m.Canary.Count}");
        }
        metrics.Write(output);
        output.WriteLine();

        var groups = new TextTable(["GROUP", "SCORE", "METRICS"], [false, true, true]);
        foreach (var g in judgement.Groups)
            groups.Add(g.Name, g.NoData ? "no data" : Number(g.Score, "0.00"), g.Metrics.ToString(CultureInfo.InvariantCulture));
        groups.Write(output);
        output.WriteLine();

        output.WriteLine($"Score {Number(judgement.Score, "0.00")} (pass {Number(judgement.Thresholds.Pass, "0.##")}, marginal {Number(judgement.Thresholds.Marginal, "0.##")}): {judgement.Verdict}");
        if (judgement.Reason is { } reason)
            output.WriteLine(reason);
        if (remediation is null) return;
        foreach (var r in remediation.Rollbacks)
            output.WriteLine($"Remediation: {r.Title}: branch {r.Branch} {(r.Status == "created" ? "created" : "already proposed, unchanged")} at {r.Sha[..7]}");
        foreach (var skipped in remediation.Skipped)
            output.WriteLine($"Not rolled back: {skipped}");
    }

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
