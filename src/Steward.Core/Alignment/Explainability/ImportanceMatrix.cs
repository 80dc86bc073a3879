namespace Steward.Core.Alignment.Explainability;

/// <summary>A source column and the contiguous features it was encoded to (one for a number, one per category).</summary>
public sealed record FeatureGroup(string Name, int Start, int Width);

/// <summary>
/// The rows whose features are permuted: row-major values (<see cref="Rows"/> × <see cref="Width"/>), in
/// double precision so that a closed-form predictor gives the same numbers as numpy, and the source
/// columns (<see cref="Groups"/>). A column is permuted as a whole: all its features move with the row,
/// as scikit-learn permutes a column before a pipeline's one-hot encoder.
/// </summary>
public sealed class ImportanceMatrix
{
    public ImportanceMatrix(double[] values, int width, IReadOnlyList<FeatureGroup> groups)
    {
        if (width <= 0 || values.Length % width != 0)
            throw new ArgumentException($"{values.Length} values do not make rows of width {width}.", nameof(values));
        if (groups.Sum(g => g.Width) != width || groups.Select((g, i) => g.Start == groups.Take(i).Sum(p => p.Width)).Any(ok => !ok))
            throw new ArgumentException("The groups must cover the features in order.", nameof(groups));
        Values = values;
        Width = width;
        Groups = groups;
    }

    public double[] Values { get; }

    public int Width { get; }

    public int Rows => Values.Length / Width;

    public IReadOnlyList<FeatureGroup> Groups { get; }

    /// <summary>A matrix of one number per feature (no categories), as a closed-form model sees it.</summary>
    public static ImportanceMatrix FromColumns(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        var values = new double[rows * names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            if (columns[j].Length != rows)
                throw new ArgumentException($"Column '{names[j]}' has {columns[j].Length} rows, expected {rows}.", nameof(columns));
            for (var i = 0; i < rows; i++)
                values[i * names.Count + j] = columns[j][i];
        }
        return new ImportanceMatrix(values, names.Count, [.. names.Select((n, j) => new FeatureGroup(n, j, 1))]);
    }
}

/// <summary>What stands in for the model: a score per row of a matrix (the surrogate, or a closed-form model in tests).</summary>
public interface IScorePredictor
{
    double[] Predict(ImportanceMatrix rows);
}
