using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// What every window is compared with, computed once from the reference: the reference rows are split
/// (seeded) into a training part, on which the surrogate learns the logged scores, and a held-out part,
/// on which the reference importances and the surrogate's fidelity are measured, so that the reference
/// and every current window are measured alike, on rows the surrogate never saw.
/// </summary>
public sealed class ImportanceBaseline
{
    private readonly ImportanceEncoding _encoding;
    private readonly SurrogateModel _surrogate;

    private ImportanceBaseline(string name, ImportanceOptions options, ImportanceLoss loss, ImportanceEncoding encoding, SurrogateModel surrogate,
        int trainingRows, int heldOutRows, double fidelity, WindowImportance importance)
    {
        Name = name;
        Options = options;
        Loss = loss;
        _encoding = encoding;
        _surrogate = surrogate;
        TrainingRows = trainingRows;
        HeldOutRows = heldOutRows;
        Fidelity = fidelity;
        Importance = importance;
    }

    public string Name { get; }

    public ImportanceOptions Options { get; }

    public ImportanceLoss Loss { get; }

    public int TrainingRows { get; }

    public int HeldOutRows { get; }

    /// <summary>The surrogate's R² on the held-out reference rows.</summary>
    public double Fidelity { get; }

    /// <summary>The importances on the held-out reference rows.</summary>
    public WindowImportance Importance { get; }

    /// <summary>The features explained, in the order of the importances.</summary>
    public IReadOnlyList<string> Features => [.. _encoding.Groups.Select(g => g.Name)];

    /// <summary>Fits the baseline on <paramref name="reference"/>, which holds the features, the score and the label.</summary>
    public static ImportanceBaseline Fit(DomainSample reference, ImportanceOptions options)
    {
        options.Validate();
        CheckRows(reference, 2 * ImportanceOptions.MinimumRows);
        var sample = reference.Subsample(options.MaxRows, options.Seed);
        var features = (options.Features ?? sample.ColumnNames.Where(c => c != options.Score && c != options.Label).ToList())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (features.Count == 0)
            throw new StewardInputException($"{reference.Name}: no feature columns besides the score '{options.Score}' and the label '{options.Label}'");
        var encoding = ImportanceEncoding.Fit(sample, features, options.MaxCategories);
        var (scores, labels) = Targets(sample, options);
        var loss = options.Loss ?? ImportanceLosses.Choose(labels, scores);

        // The split: a seeded shuffle of the rows, the first part held out (at least MinimumRows on each side).
        var rows = Enumerable.Range(0, sample.Rows).ToArray();
        new Random(options.Seed).Shuffle(rows);
        var heldOutCount = Math.Clamp((int)Math.Round(sample.Rows * options.HoldOutFraction, MidpointRounding.AwayFromZero),
            ImportanceOptions.MinimumRows, sample.Rows - ImportanceOptions.MinimumRows);
        var heldOut = rows[..heldOutCount].Order().ToArray();
        var training = rows[heldOutCount..].Order().ToArray();

        var matrix = encoding.Encode(sample);
        var surrogate = SurrogateModel.Train(Rows(matrix, training), [.. training.Select(i => scores[i])], options.Seed);
        var evaluation = Rows(matrix, heldOut);
        var heldOutScores = heldOut.Select(i => scores[i]).ToArray();
        var fidelity = RSquared(heldOutScores, surrogate.Predict(evaluation));
        var importance = PermutationImportance.Compute(surrogate, evaluation, [.. heldOut.Select(i => labels[i])], loss, options.Repeats, options.Seed);
        return new ImportanceBaseline(reference.Name, options, loss, encoding, surrogate, training.Length, heldOut.Length, fidelity, importance);
    }

    /// <summary>The importances in <paramref name="current"/>, the surrogate's fidelity there and the attribution drift from the reference.</summary>
    public ImportanceReport Measure(DomainSample current)
    {
        CheckRows(current, ImportanceOptions.MinimumRows);
        var sample = current.Subsample(Options.MaxRows, Options.Seed + 1);
        var (scores, labels) = Targets(sample, Options);
        var matrix = _encoding.Encode(sample);
        var fidelity = RSquared(scores, _surrogate.Predict(matrix));
        var importance = PermutationImportance.Compute(_surrogate, matrix, labels, Loss, Options.Repeats, Options.Seed);
        return new ImportanceReport(Name, current.Name, Loss, Options, TrainingRows, HeldOutRows, sample.Rows,
            new SurrogateFidelity(Fidelity, fidelity), Importance, importance, AttributionDrift.Between(Importance.Means, importance.Means));
    }

    private static void CheckRows(DomainSample sample, int minimum)
    {
        if (sample.Rows < minimum)
            throw new StewardInputException($"{sample.Name}: permutation importance needs at least {minimum} rows, got {Math.Max(sample.Rows, 0)}");
    }

    /// <summary>The logged scores and the labels; a missing or non-numeric one is an input error.</summary>
    private static (double[] Scores, double[] Labels) Targets(DomainSample sample, ImportanceOptions options)
    {
        return (Numbers(options.Score, "score"), Numbers(options.Label, "label"));

        double[] Numbers(string column, string role)
        {
            if (!sample.Has(column))
                throw new StewardInputException($"{sample.Name}: no {role} column '{column}' (columns: {string.Join(", ", sample.ColumnNames)})");
            if (sample.Describe(column).Kind != FeatureKind.Numeric)
                throw new StewardInputException($"{sample.Name}: the {role} column '{column}' must hold numbers");
            var values = sample.Numeric(column);
            var missing = values.Count(v => !double.IsFinite(v));
            if (missing > 0)
                throw new StewardInputException($"{sample.Name}: the {role} column '{column}' has {missing} missing or non-numeric values");
            return values;
        }
    }

    private static ImportanceMatrix Rows(ImportanceMatrix matrix, int[] rows)
    {
        var values = new double[rows.Length * matrix.Width];
        for (var k = 0; k < rows.Length; k++)
            Array.Copy(matrix.Values, rows[k] * matrix.Width, values, k * matrix.Width, matrix.Width);
        return new ImportanceMatrix(values, matrix.Width, matrix.Groups);
    }

    /// <summary>scikit-learn's <c>r2_score</c>: 1 − Σ(y − ŷ)² / Σ(y − ȳ)²; NaN when y is constant.</summary>
    public static double RSquared(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var mean = actual.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        return total == 0 ? double.NaN : 1 - residual / total;
    }
}
