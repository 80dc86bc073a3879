using System.Text.Json;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Reporting.Alignment;

/// <summary>
/// JSON for <c>steward analyze</c> (and any server endpoint that serves these reports): fixed key order, columns and groups sorted, numbers in round-trip form.
/// NaN and infinities (an undefined rate, a chi-square against an absent category) are written as null.
/// </summary>
public static class AlignmentJson
{
    /// <summary>The drift report; with a multivariate report, its verdict as <c>"multivariate"</c>.</summary>
    public static string Drift(DriftReport report, MultivariateDriftReport? multivariate = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("columns");
        foreach (var c in report.Columns)
        {
            w.WriteStartObject();
            w.WriteString("column", c.Column);
            w.WriteString("type", c.Kind == ColumnKind.Numeric ? "numeric" : "categorical");
            w.WriteString("method", DriftMethods.Name(c.Method));
            Number(w, "statistic", c.Statistic);
            Number(w, "p_value", c.PValue);
            Number(w, "threshold", c.Threshold);
            w.WriteBoolean("drifted", c.Drifted);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Number(w, "drift_share", report.DriftShare);
        w.WriteBoolean("dataset_drift", report.DatasetDrift);
        if (multivariate is not null)
        {
            w.WritePropertyName("multivariate");
            Multivariate(w, multivariate);
        }
        w.WriteEndObject();
    });

    private static void Multivariate(Utf8JsonWriter w, MultivariateDriftReport r)
    {
        w.WriteStartObject();
        w.WriteString("method", MultivariateDriftReport.Method);
        w.WriteString("trainer", r.Trainer);
        Number(w, "roc_auc", r.RocAuc);
        Number(w, "roc_auc_lower", r.Uncertainty.Lower);
        Number(w, "roc_auc_upper", r.Uncertainty.Upper);
        Number(w, "confidence_level", r.Options.ConfidenceLevel);
        Number(w, "null_bound", r.Uncertainty.NullBound);
        Number(w, "null_quantile", r.Options.NullQuantile);
        Number(w, "p_value", r.Uncertainty.PValue);
        Number(w, "threshold", r.Threshold);
        w.WriteBoolean("drifted", r.Drifted);
        w.WriteNumber("rows_reference", r.RowsReference);
        w.WriteNumber("rows_current", r.RowsCurrent);
        w.WriteNumber("total_rows_reference", r.TotalRowsReference);
        w.WriteNumber("total_rows_current", r.TotalRowsCurrent);
        w.WriteNumber("train_rows", r.TrainRows);
        w.WriteNumber("test_rows", r.TestRows);
        w.WriteNumber("resamples", r.Options.Resamples);
        w.WriteNumber("seed", r.Options.Seed);
        w.WriteStartArray("features");
        foreach (var f in r.Features)
        {
            w.WriteStartObject();
            w.WriteString("feature", f.Name);
            w.WriteString("type", f.KindName);
            w.WriteNumber("width", f.Width);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("top_features");
        foreach (var f in r.TopFeatures)
        {
            w.WriteStartObject();
            w.WriteString("feature", f.Feature);
            Number(w, "importance", f.Importance);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Fairness(FairnessReport report) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("groups");
        foreach (var g in report.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteNumber("count", g.Count);
            Number(w, "selection_rate", g.SelectionRate);
            Number(w, "tpr", g.TruePositiveRate);
            Number(w, "fpr", g.FalsePositiveRate);
            Number(w, "fnr", g.FalseNegativeRate);
            Number(w, "tnr", g.TrueNegativeRate);
            Number(w, "precision", g.Precision);
            Number(w, "accuracy", g.Accuracy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Number(w, "demographic_parity_difference", report.DemographicParityDifference);
        Number(w, "demographic_parity_ratio", report.DemographicParityRatio);
        Number(w, "equal_opportunity_difference", report.EqualOpportunityDifference);
        Number(w, "equalized_odds_difference", report.EqualizedOddsDifference);
        w.WriteString("reference_group", report.ReferenceGroup);
        w.WriteStartObject("disparate_impact");
        foreach (var (group, ratio) in report.DisparateImpact.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Number(w, group, ratio);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static string Classification(Steward.Core.Alignment.Performance.ClassificationReport r) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("count", r.Count);
        Number(w, "accuracy", r.Accuracy);
        Number(w, "precision", r.Precision);
        Number(w, "recall", r.Recall);
        Number(w, "f1", r.F1);
        Number(w, "roc_auc", r.RocAuc);
        Number(w, "log_loss", r.LogLoss);
        w.WriteEndObject();
    });

    public static string Regression(Steward.Core.Alignment.Performance.RegressionReport r) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("count", r.Count);
        Number(w, "mae", r.MeanAbsoluteError);
        Number(w, "rmse", r.RootMeanSquaredError);
        Number(w, "mape", r.MeanAbsolutePercentageError);
        w.WriteEndObject();
    });

    private static void Number(Utf8JsonWriter w, string name, double? value) => w.FiniteOrNull(name, value);

    private static string Write(Action<Utf8JsonWriter> write) => JsonValues.Document(write);
}
