namespace Steward.Core.Alignment.Explainability;

/// <summary>How importance is measured; the defaults are scikit-learn's where it has one (5 repeats).</summary>
public sealed record ImportanceOptions
{
    public const int DefaultRepeats = 5;
    public const int DefaultMaxRows = 10_000;
    public const int DefaultSeed = 42;

    /// <summary>The fewest rows a window needs (the reference needs this many on each side of its split).</summary>
    public const int MinimumRows = 20;

    /// <summary>The features to explain (null: every column but the score and the label).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns to treat as categories even when they hold numbers.</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    /// <summary>The column with the model's logged score or prediction: what the surrogate learns to reproduce.</summary>
    public required string Score { get; init; }

    /// <summary>The column with the ground truth, a number (0/1 for a classifier).</summary>
    public required string Label { get; init; }

    /// <summary>The loss; null chooses log loss for 0/1 labels and scores in [0, 1], else squared error.</summary>
    public ImportanceLoss? Loss { get; init; }

    /// <summary>Permutations per feature (scikit-learn's <c>n_repeats</c>).</summary>
    public int Repeats { get; init; } = DefaultRepeats;

    /// <summary>Seed of the sampling, the split, the surrogate and the permutations (scikit-learn's <c>random_state</c> for the latter).</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Rows per window used at most, a seeded sample: bounds time and memory whatever the file size.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Share of the reference held out from the surrogate's training: the reference importance and fidelity are measured on it.</summary>
    public double HoldOutFraction { get; init; } = 0.3;

    /// <summary>Categories per column kept as their own feature (the rest share "(other)").</summary>
    public int MaxCategories { get; init; } = 50;

    public void Validate()
    {
        if (Repeats is < 1 or > 1000) throw new StewardInputException($"repeats must be between 1 and 1000, got {Repeats}");
        if (MaxRows < 2 * MinimumRows) throw new StewardInputException($"max rows must be at least {2 * MinimumRows}, got {MaxRows}");
        if (HoldOutFraction is <= 0 or >= 1) throw new StewardInputException($"the held-out fraction must lie strictly between 0 and 1, got {HoldOutFraction}");
        if (MaxCategories < 1) throw new StewardInputException($"max categories must be at least 1, got {MaxCategories}");
        if (Score == Label) throw new StewardInputException($"the score and the label are the same column '{Score}'");
        if (Features is { } features && (features.Contains(Score) || features.Contains(Label)))
            throw new StewardInputException("the features must not include the score or the label column");
    }
}
