namespace Steward.Core.Alignment.Multivariate;

/// <summary>What the held-out labels and scores say about the observed ROC AUC.</summary>
/// <param name="NullBound">The <c>NullQuantile</c> quantile of the AUC over label permutations (what "no drift" reaches).</param>
/// <param name="PValue">(1 + permutations with an AUC ≥ the observed one) / (1 + permutations).</param>
/// <param name="Lower">Lower end of DeLong's confidence interval of the AUC.</param>
/// <param name="Upper">Upper end of that interval.</param>
public sealed record RocAucUncertainty(double NullBound, double PValue, double Lower, double Upper)
{
    internal static RocAucUncertainty Evaluate(RankedLabels ranked, double observed, MultivariateDriftOptions options, int seed)
    {
        var (bound, p) = PermutationBound.Evaluate(ranked, observed, options.Resamples, options.NullQuantile, seed);
        var (lower, upper) = DeLongInterval.Evaluate(ranked, options.ConfidenceLevel);
        return new RocAucUncertainty(bound, p, lower, upper);
    }
}
