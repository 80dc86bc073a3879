using MathNet.Numerics.Distributions;

namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Kayenta's <c>MannWhitneyClassifier</c>: the canary is High (Low) when the whole confidence interval
/// of the shift canary − baseline lies above (below) ± <c>tolerance</c> × |Hodges–Lehmann estimate|, the
/// direction allows it, and the effect size (the mean ratio canary/baseline, or CLES) reaches the allowed one. A critical
/// metric fails the canary when it is High or Low beyond the critical effect size, or has no data.
/// </summary>
/// <remarks>
/// Kayenta adds Gaussian noise (σ = 1e-5 × the value) when both samples are constant, so that the
/// rank statistic has a variance; it draws from an unseeded generator. Steward seeds it
/// (<see cref="NoiseSeed"/>) so that the same samples always give the same verdict.
/// </remarks>
public sealed class MannWhitneyClassifier
{
    /// <summary>The seed of the noise added to constant samples.</summary>
    public const int NoiseSeed = 20180601;

    private readonly double _tolerance;
    private readonly double _confidenceLevel;
    private readonly (double Decrease, double Increase) _effectSizeThresholds;
    private readonly (double Decrease, double Increase) _criticalThresholds;
    private readonly EffectSizeMeasure _effectSizeMeasure;

    /// <param name="tolerance">Fraction of the estimate the interval must clear (the judge: 0.25).</param>
    /// <param name="confidenceLevel">Of the two-sided interval (the judge: 0.98).</param>
    public MannWhitneyClassifier(double tolerance = 0.25, double confidenceLevel = 0.95,
        (double Decrease, double Increase)? effectSizeThresholds = null, (double Decrease, double Increase)? criticalThresholds = null,
        EffectSizeMeasure effectSizeMeasure = EffectSizeMeasure.MeanRatio)
    {
        _effectSizeMeasure = effectSizeMeasure;
        _tolerance = tolerance;
        _confidenceLevel = confidenceLevel;
        _effectSizeThresholds = effectSizeThresholds ?? (1.0, 1.0);
        _criticalThresholds = criticalThresholds ?? (1.0, 1.0);
    }

    /// <summary>Classifies <paramref name="canary"/> against <paramref name="baseline"/> (NaNs already handled).</summary>
    public MetricClassification Classify(string name, IReadOnlyList<double> baseline, IReadOnlyList<double> canary,
        MetricDirection direction = MetricDirection.Either, NaNStrategy nanStrategy = NaNStrategy.Remove,
        bool critical = false, bool mustHaveData = false)
    {
        if (canary.Count == 0 || baseline.Count == 0)
        {
            if (nanStrategy == NaNStrategy.Replace)
                return new MetricClassification(MetricClassificationLabel.Pass, null, 1.0, false);
            var reason = $"Missing data for {name}";
            return mustHaveData && !critical
                ? new MetricClassification(MetricClassificationLabel.NoDataFailMetric, reason, 1.0, false)
                : new MetricClassification(MetricClassificationLabel.NoData, reason, 1.0, critical);
        }

        if (canary.Order().SequenceEqual(baseline.Order()))
            return new MetricClassification(MetricClassificationLabel.Pass, "The canary and baseline data are identical", 1.0, false);

        if (canary.Concat(baseline).Distinct().Count() == 1)
            return new MetricClassification(MetricClassificationLabel.Pass, null, 1.0, false);

        var (comparison, effect) = Compare(name, baseline, canary, direction);
        var criticalHigh = critical && comparison.Label == MetricClassificationLabel.High
            && (double.IsNaN(effect) || effect >= _criticalThresholds.Increase);
        var criticalLow = critical && comparison.Label == MetricClassificationLabel.Low
            && (double.IsNaN(effect) || effect <= _criticalThresholds.Decrease);
        if (criticalHigh)
            return new MetricClassification(MetricClassificationLabel.High, $"The metric {name} was classified as High (Critical)", comparison.Ratio, true);
        if (criticalLow)
            return new MetricClassification(MetricClassificationLabel.Low, $"The metric {name} was classified as Low (Critical)", comparison.Ratio, true);
        return comparison with { Critical = false };
    }

    /// <summary>The classification without criticality, and the effect size it was held against.</summary>
    private (MetricClassification Classification, double EffectSize) Compare(string name, IReadOnlyList<double> baseline, IReadOnlyList<double> canary, MetricDirection direction)
    {
        // Both samples constant (but different): a little noise gives the ranks a variance.
        var addNoise = canary.Distinct().Count() == 1 && baseline.Distinct().Count() == 1;
        var random = new Random(NoiseSeed);
        var experiment = addNoise ? AddNoise(canary, random) : canary;
        var control = addNoise ? AddNoise(baseline, random) : baseline;

        var interval = MannWhitneyInterval.Compute(experiment, control, _confidenceLevel);
        var ratio = MeanRatio(control, experiment);
        var effect = _effectSizeMeasure == EffectSizeMeasure.Cles ? Cles(control, experiment) : ratio;
        var critical = _tolerance * Math.Abs(interval.Estimate);

        var isHigh = direction is MetricDirection.Increase or MetricDirection.Either
            && interval.Lower > critical
            && (double.IsNaN(effect) || effect >= _effectSizeThresholds.Increase);
        var isLow = direction is MetricDirection.Decrease or MetricDirection.Either
            && interval.Upper < -critical
            && (double.IsNaN(effect) || effect <= _effectSizeThresholds.Decrease);

        if (isHigh) return (new MetricClassification(MetricClassificationLabel.High, $"{name} was classified as High", ratio, false), effect);
        if (isLow) return (new MetricClassification(MetricClassificationLabel.Low, $"{name} was classified as Low", ratio, false), effect);
        return (new MetricClassification(MetricClassificationLabel.Pass, null, ratio, false), effect);
    }

    /// <summary>Kayenta's <c>EffectSizes.meanRatio</c>: mean(canary) / mean(baseline), NaN when either mean is 0.</summary>
    public static double MeanRatio(IReadOnlyList<double> baseline, IReadOnlyList<double> canary)
    {
        var baselineMean = baseline.Average();
        var canaryMean = canary.Average();
        return baselineMean == 0.0 || canaryMean == 0.0 ? double.NaN : canaryMean / baselineMean;
    }

    /// <summary>
    /// Kayenta's <c>EffectSizes.cles</c> (Vargha and Delaney's A): the share of (canary, baseline) pairs
    /// where the canary is higher, ties counting half, from the canary's rank sum.
    /// </summary>
    public static double Cles(IReadOnlyList<double> baseline, IReadOnlyList<double> canary)
    {
        double m = canary.Count;
        double n = baseline.Count;
        var ranks = AverageRanks.Of([.. canary, .. baseline], out _);
        var r1 = 0.0;
        for (var i = 0; i < canary.Count; i++) r1 += ranks[i];
        return (2 * r1 - m * (m + 1)) / (2 * n * m);
    }

    private static double[] AddNoise(IReadOnlyList<double> values, Random random)
    {
        var scale = values[0] * 1e-5;
        return values.Select(v => v + Normal.Sample(random, 0, 1) * scale).ToArray();
    }
}
