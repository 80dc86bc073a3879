namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Netflix Kayenta's <c>NetflixACAJudge</c> (v1.0): each configured metric's canary samples are
/// compared with the baseline's by the Mann-Whitney classifier (98% interval, tolerance 0.25, effect
/// size on the mean ratio), after NaN handling and optional IQR outlier removal; the results are scored
/// by the weighted-sum group scorer and the score is held against the pass and marginal thresholds.
/// </summary>
public static class CanaryJudge
{
    /// <summary>The judge's tolerance: the interval must clear 25% of the estimate.</summary>
    public const double Tolerance = 0.25;

    /// <summary>The confidence level of the judge's two-sided interval.</summary>
    public const double ConfidenceLevel = 0.98;

    /// <summary>Judges <paramref name="canary"/> against <paramref name="baseline"/> (metric name → observations); metrics the config does not name are ignored.</summary>
    public static CanaryJudgement Judge(CanaryConfig config,
        IReadOnlyDictionary<string, IReadOnlyList<double>> baseline,
        IReadOnlyDictionary<string, IReadOnlyList<double>> canary)
    {
        var results = config.Metrics
            .Select(m => ClassifyMetric(m, Values(baseline, m.Name), Values(canary, m.Name)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        var scored = results.Where(r => !r.Muted).Select(r => (r.Name, r.Group, r.Classification)).ToList();
        var score = new WeightedSumScorer(config.GroupWeights).Score(scored);
        return new CanaryJudgement(score.Score, Verdict(score.Score, config.Thresholds), score.Reason, config.Thresholds, score.Groups, results);
    }

    /// <summary>Kayenta's <c>ThresholdScoreClassifier</c>: pass → Successful, marginal → Inconclusive, below → Failed.</summary>
    public static CanaryVerdict Verdict(double score, CanaryThresholds thresholds) =>
        score >= thresholds.Pass ? CanaryVerdict.Successful
        : score >= thresholds.Marginal ? CanaryVerdict.Inconclusive
        : CanaryVerdict.Failed;

    /// <summary>One metric: NaN handling, outlier removal, statistics, classification.</summary>
    public static CanaryMetricResult ClassifyMetric(CanaryMetricConfig metric, IReadOnlyList<double> baseline, IReadOnlyList<double> canary)
    {
        var options = metric.Options;
        var control = Transform(baseline, options);
        var experiment = Transform(canary, options);
        var classifier = new MannWhitneyClassifier(Tolerance, ConfidenceLevel,
            (options.AllowedDecrease, options.AllowedIncrease), (options.CriticalDecrease, options.CriticalIncrease), options.EffectSizeMeasure);
        MetricClassification classification;
        try
        {
            classification = classifier.Classify(metric.Name, control, experiment, options.Direction, options.NaNStrategy, options.Critical, options.MustHaveData);
        }
        catch (ArgumentException)
        {
            // As Kayenta: a comparison that cannot be computed is an Error, left out of the score.
            classification = new MetricClassification(MetricClassificationLabel.Error, "Metric Classification Failed", double.NaN, false);
        }
        return new CanaryMetricResult(metric.Name, metric.Group, classification, options.Direction, options.Muted,
            MetricSummary.Of(control), MetricSummary.Of(experiment));
    }

    private static double[] Transform(IReadOnlyList<double> values, CanaryMetricOptions options)
    {
        var handled = options.NaNStrategy == NaNStrategy.Remove
            ? values.Where(v => !double.IsNaN(v)).ToArray()
            : values.Select(v => double.IsNaN(v) ? 0.0 : v).ToArray();
        return options.RemoveOutliers
            ? new IqrOutlierDetector(options.OutlierFactor, reduceSensitivity: true).Remove(handled)
            : handled;
    }

    private static IReadOnlyList<double> Values(IReadOnlyDictionary<string, IReadOnlyList<double>> samples, string name) =>
        samples.TryGetValue(name, out var values) ? values : [];
}
