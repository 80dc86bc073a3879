using System.Globalization;
using Steward.Core.Findings;

namespace Steward.Core.Alignment.Multivariate;

/// <summary>The verdict of the domain classifier: can a model tell current rows from reference rows?</summary>
/// <param name="Reference">Where the reference rows came from (a file path).</param>
/// <param name="Current">Where the current rows came from.</param>
/// <param name="RocAuc">ROC AUC of the classifier on the held-out rows (current = positive); 0.5 = indistinguishable.</param>
/// <param name="Uncertainty">Permutation bound and p-value, DeLong interval.</param>
/// <param name="Threshold">The AUC the classifier must exceed (besides the permutation bound) for drift.</param>
/// <param name="Drifted">AUC &gt; threshold and AUC &gt; the permutation bound.</param>
/// <param name="RowsReference">Reference rows used (after subsampling).</param>
/// <param name="RowsCurrent">Current rows used.</param>
/// <param name="TotalRowsReference">Reference rows in the input.</param>
/// <param name="TotalRowsCurrent">Current rows in the input.</param>
/// <param name="TrainRows">Rows the classifier was trained on.</param>
/// <param name="TestRows">Held-out rows the AUC was measured on.</param>
/// <param name="Options">The settings used (resamples, seed, quantiles).</param>
/// <param name="Features">The source columns with their kind and number of features.</param>
/// <param name="Importances">Every column's share of the classifier's split gain, largest first.</param>
public sealed record MultivariateDriftReport(
    string Reference,
    string Current,
    double RocAuc,
    RocAucUncertainty Uncertainty,
    double Threshold,
    bool Drifted,
    int RowsReference,
    int RowsCurrent,
    long TotalRowsReference,
    long TotalRowsCurrent,
    int TrainRows,
    int TestRows,
    MultivariateDriftOptions Options,
    IReadOnlyList<FeatureColumn> Features,
    IReadOnlyList<FeatureImportance> Importances)
{
    public const string Method = "domain_classifier";

    public string Trainer => DomainClassifier.Trainer;

    /// <summary>The most important columns (at most <see cref="MultivariateDriftOptions.TopFeatures"/>).</summary>
    public IReadOnlyList<FeatureImportance> TopFeatures => Importances.Take(Options.TopFeatures).ToList();

    /// <summary>An error when the classifier tells the samples apart, naming the columns that help it most.</summary>
    public IReadOnlyList<Finding> ToFindings()
    {
        if (!Drifted) return [];
        var top = string.Join(", ", TopFeatures.Take(3).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Feature} {f.Importance:P0}")));
        return
        [
            new Finding
            {
                RuleId = "alignment.drift.multivariate",
                Severity = Severity.Error,
                Category = Category.Alignment,
                Subject = new Subject { File = Current },
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Multivariate drift: a classifier tells current rows from reference rows with ROC AUC {RocAuc:0.###} (threshold {Threshold:0.###}, no-drift bound {Uncertainty.NullBound:0.###}); most telling: {top}."),
                Evidence = new Dictionary<string, object?>
                {
                    ["method"] = Method,
                    ["roc_auc"] = RocAuc,
                    ["roc_auc_lower"] = Uncertainty.Lower,
                    ["roc_auc_upper"] = Uncertainty.Upper,
                    ["null_bound"] = Uncertainty.NullBound,
                    ["p_value"] = Uncertainty.PValue,
                    ["threshold"] = Threshold,
                },
                SuggestedAction = "Compare the joint distribution of the most telling columns; retrain on recent data if the shift is real.",
            },
        ];
    }
}
