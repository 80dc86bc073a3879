namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// How the domain classifier is set up. The defaults are documented in docs/alignment.md
/// ("Multivariate drift"); every random choice derives from <see cref="Seed"/>, so the same inputs
/// give the same report.
/// </summary>
public sealed record MultivariateDriftOptions
{
    /// <summary>Evidently's default ROC AUC threshold for its classifier ("model") drift method.</summary>
    public const double DefaultThreshold = 0.55;

    /// <summary>Rows kept per sample: larger inputs are reservoir-sampled down to this many.</summary>
    public const int DefaultMaxRows = 100_000;

    /// <summary>Columns to use; null means every column of the reference.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Columns to one-hot encode even when their values are numbers.</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    /// <summary>
    /// Columns holding embeddings: lists or arrays of numbers, or JSON arrays in text. Columns that the
    /// file types as LIST or ARRAY are embeddings without being named here.
    /// </summary>
    public IReadOnlyCollection<string> Embeddings { get; init; } = [];

    /// <summary>Drift needs the ROC AUC above this (and above the permutation bound).</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>The most rows used from each sample.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Share of each sample held out to measure the classifier (Evidently: one half).</summary>
    public double TestFraction { get; init; } = 0.5;

    /// <summary>Label permutations for the no-drift bound and the p-value.</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Upper quantile of the ROC AUC under the null (no drift) that the observed AUC must exceed.</summary>
    public double NullQuantile { get; init; } = 0.95;

    /// <summary>Confidence level of DeLong's interval of the ROC AUC.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Categories kept per categorical column (the most frequent); the rest share one "(other)" feature.</summary>
    public int MaxCategories { get; init; } = 50;

    /// <summary>Seed of every random choice: subsampling, the split, the trainer, the permutations.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many features to report by importance.</summary>
    public int TopFeatures { get; init; } = 10;

    /// <summary>Checks the values a user can set; throws <see cref="StewardInputException"/>.</summary>
    public void Validate()
    {
        if (!(Threshold >= 0 && Threshold <= 1))
            throw new StewardInputException($"the multivariate threshold is a ROC AUC between 0 and 1, got {Threshold}");
        if (MaxRows < MinimumRows)
            throw new StewardInputException($"the multivariate sample needs at least {MinimumRows} rows per side, got {MaxRows}");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new StewardInputException($"the test fraction must lie between 0 and 1, got {TestFraction}");
        if (Resamples < 1)
            throw new StewardInputException($"resamples must be at least 1, got {Resamples}");
        if (MaxCategories < 1)
            throw new StewardInputException($"max categories must be at least 1, got {MaxCategories}");
    }

    /// <summary>Fewer rows per sample leave too few to train on and to measure with.</summary>
    public const int MinimumRows = 10;
}
