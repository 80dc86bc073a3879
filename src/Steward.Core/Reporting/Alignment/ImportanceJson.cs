using System.Text.Json;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Application.Explainability;

namespace Steward.Core.Reporting.Alignment;

/// <summary>
/// The JSON of <c>steward analyze importance --format json</c>: how it was measured, the reference's
/// importances and one entry per current window with its importances and attribution drift. Features are
/// in the reference's order of importance (ties by name); a value that is undefined (NaN) is null.
/// </summary>
public static class ImportanceJson
{
    public static string Write(ImportanceOutcome outcome) => JsonValues.Object(w =>
    {
        var first = outcome.Windows[0];
        var order = first.Features.Select(f => f.Feature).ToList();
        w.WriteString("surrogate", SurrogateModel.Trainer);
        w.WriteString("loss", first.Loss.Name());
        w.WriteNumber("repeats", first.Options.Repeats);
        w.WriteNumber("seed", first.Options.Seed);
        w.WriteBoolean("breached", outcome.Breached);
        w.WriteStartObject("thresholds");
        w.FiniteOrNull("minRankCorrelation", outcome.Thresholds.MinRankCorrelation);
        w.FiniteOrNull("maxL1", outcome.Thresholds.MaxL1);
        w.WriteEndObject();
        w.WriteStartObject("reference");
        w.WriteString("name", first.Reference);
        w.WriteNumber("trainingRows", first.SurrogateTrainingRows);
        w.WriteNumber("rows", first.ReferenceRows);
        w.FiniteOrNull("fidelity", first.Fidelity.Reference);
        w.FiniteOrNull("baselineLoss", first.ReferenceImportance.BaselineLoss);
        Features(w, first.ReferenceImportance, order);
        w.WriteEndObject();
        w.WriteStartArray("windows");
        foreach (var window in outcome.Windows)
        {
            w.WriteStartObject();
            w.WriteString("name", window.Current);
            w.WriteNumber("rows", window.CurrentRows);
            w.FiniteOrNull("fidelity", window.Fidelity.Current);
            w.FiniteOrNull("baselineLoss", window.CurrentImportance.BaselineLoss);
            w.FiniteOrNull("rankCorrelation", window.Drift.RankCorrelation);
            w.FiniteOrNull("l1", window.Drift.L1Distance);
            w.WriteBoolean("breached", outcome.Thresholds.IsBreachedBy(window.Drift));
            Features(w, window.CurrentImportance, order);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void Features(Utf8JsonWriter w, WindowImportance importance, IReadOnlyList<string> order)
    {
        var byName = importance.Columns.ToDictionary(c => c.Feature, StringComparer.Ordinal);
        w.WriteStartArray("features");
        foreach (var name in order)
        {
            var column = byName[name];
            w.WriteStartObject();
            w.WriteString("name", name);
            w.FiniteOrNull("importance", column.Mean);
            w.FiniteOrNull("std", column.StandardDeviation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
