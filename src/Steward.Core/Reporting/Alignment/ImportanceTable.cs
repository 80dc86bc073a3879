using System.Globalization;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Application.Explainability;

namespace Steward.Core.Reporting.Alignment;

/// <summary>
/// The table of <c>steward analyze importance</c>: one row per feature (the reference's most important
/// first) with its importance ± standard deviation in the reference and in each window, then one line
/// per window with the attribution drift and the surrogate's fidelity.
/// </summary>
public static class ImportanceTable
{
    public static void Write(TextWriter output, ImportanceOutcome outcome)
    {
        var first = outcome.Windows[0];
        var headers = new List<string> { "FEATURE", "REFERENCE" };
        headers.AddRange(outcome.Windows.Count == 1 ? ["CURRENT"] : outcome.Windows.Select((_, i) => $"WINDOW {i + 1}"));
        var table = new TextTable(headers, [false, .. headers.Skip(1).Select(_ => true)]);
        var order = first.Features.Select(f => f.Feature).ToList();
        foreach (var name in order)
        {
            var cells = new List<string?> { name, Cell(first.ReferenceImportance, name) };
            cells.AddRange(outcome.Windows.Select(w => Cell(w.CurrentImportance, name)));
            table.Add(cells);
        }
        table.Write(output);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Importance: increase of {first.Loss.Name()} when the feature is permuted ({first.Options.Repeats} repeats, seed {first.Options.Seed}), through a {SurrogateModel.Trainer} surrogate of the logged score."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reference {first.Reference}: surrogate trained on {first.SurrogateTrainingRows} rows, measured on {first.ReferenceRows} held-out rows, fidelity R² {Number(first.Fidelity.Reference)}."));
        for (var i = 0; i < outcome.Windows.Count; i++)
        {
            var w = outcome.Windows[i];
            var label = outcome.Windows.Count == 1 ? "Current" : $"Window {i + 1}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} {w.Current}: {w.CurrentRows} rows, fidelity R² {Number(w.Fidelity.Current)}, rank correlation {Number(w.Drift.RankCorrelation)}, L1 {Number(w.Drift.L1Distance)}{(outcome.Thresholds.IsBreachedBy(w.Drift) ? ": attribution drifted" : "")}"));
        }
    }

    private static string Cell(WindowImportance importance, string feature)
    {
        var column = importance.Columns.First(c => c.Feature == feature);
        return $"{Number(column.Mean, "0.00000")} ± {Number(column.StandardDeviation, "0.00000")}";
    }

    private static string Number(double value, string format = "0.000") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
