namespace Steward.Core.Alignment.Explainability;

/// <summary>One feature's importance in the reference and in the current window.</summary>
public sealed record FeatureAttribution(string Feature, ColumnImportance Reference, ColumnImportance Current);

/// <summary>
/// How well the surrogate reproduces the model's logged scores: R² (scikit-learn's <c>r2_score</c>) on
/// the held-out reference rows and on the current window. Low fidelity means the importances describe the
/// surrogate more than the model; a fall in the current window means the model's behaviour moved away
/// from what the surrogate learnt (NaN when the logged scores are constant).
/// </summary>
public sealed record SurrogateFidelity(double Reference, double Current);

/// <summary>The importances of a reference and a current window, and how much the attribution moved.</summary>
public sealed record ImportanceReport(
    string Reference,
    string Current,
    ImportanceLoss Loss,
    ImportanceOptions Options,
    int SurrogateTrainingRows,
    int ReferenceRows,
    int CurrentRows,
    SurrogateFidelity Fidelity,
    WindowImportance ReferenceImportance,
    WindowImportance CurrentImportance,
    AttributionDrift Drift)
{
    /// <summary>The features, most important in the reference first (ties by name).</summary>
    public IReadOnlyList<FeatureAttribution> Features =>
    [
        .. ReferenceImportance.Columns.Zip(CurrentImportance.Columns, (r, c) => new FeatureAttribution(r.Feature, r, c))
            .OrderByDescending(f => f.Reference.Mean).ThenBy(f => f.Feature, StringComparer.Ordinal),
    ];
}
