using Steward.Core.Alignment.Performance;

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Multivariate drift by a domain classifier (Evidently's "model" method for embeddings, NannyML's
/// DomainClassifierCalculator): reference rows are labelled 0 and current rows 1, a classifier is
/// trained on a stratified part and its ROC AUC measured on the rest. If the joint distribution did not
/// change, no model can beat a coin (AUC ≈ 0.5), whatever it looks at; a change in any column, in the
/// relation between columns or along any direction of an embedding raises the AUC.
/// </summary>
public static class DomainClassifierDrift
{
    /// <summary>Reads (and subsamples) two table files, then runs the classifier.</summary>
    public static MultivariateDriftReport Analyze(string referencePath, string currentPath, MultivariateDriftOptions options)
    {
        options.Validate();
        var (reference, current) = DomainSampleReader.Read(referencePath, currentPath, options);
        return Analyze(reference, current, options);
    }

    public static MultivariateDriftReport Analyze(DomainSample reference, DomainSample current, MultivariateDriftOptions options)
    {
        options.Validate();
        foreach (var sample in new[] { reference, current })
        {
            if (sample.Rows < MultivariateDriftOptions.MinimumRows)
                throw new StewardInputException($"{sample.Name}: multivariate drift needs at least {MultivariateDriftOptions.MinimumRows} rows, got {Math.Max(sample.Rows, 0)}");
        }
        // Distinct seeds per stage so that changing one stage's draws leaves the others as they were.
        reference = reference.Subsample(options.MaxRows, options.Seed);
        current = current.Subsample(options.MaxRows, options.Seed + 1);
        var columns = (options.Columns ?? reference.ColumnNames).Concat(options.Embeddings)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var matrix = FeatureEncoder.Encode(reference, current, columns, options.MaxCategories);

        var (train, test) = StratifiedSplit.Split(matrix.Labels, options.TestFraction, new Random(options.Seed + 2));
        var (scores, gains) = DomainClassifier.TrainAndScore(matrix, train, test, options.Seed);
        var labels = test.Select(i => matrix.Labels[i]).ToArray();
        var auc = ClassificationMetrics.RocAuc(labels, scores);
        var uncertainty = RocAucUncertainty.Evaluate(new RankedLabels(labels, scores), auc, options, options.Seed + 3);

        return new MultivariateDriftReport(
            reference.Name, current.Name, auc, uncertainty, options.Threshold,
            Drifted: auc > options.Threshold && auc > uncertainty.NullBound,
            reference.Rows, current.Rows, reference.TotalRows, current.TotalRows,
            train.Length, test.Length, options, matrix.Columns,
            FeatureImportance.FromGains(matrix, gains));
    }
}
