namespace Steward.Core.Alignment.Explainability;

/// <summary>One column's importance over the repeats: the loss increase when it is permuted.</summary>
/// <param name="Mean">Mean increase of the loss over the repeats.</param>
/// <param name="StandardDeviation">Their population standard deviation (numpy's <c>std</c>, as scikit-learn reports).</param>
public sealed record ColumnImportance(string Feature, double Mean, double StandardDeviation, IReadOnlyList<double> Repeats);

/// <summary>The importances of every column of one window, in the matrix's column order.</summary>
public sealed record WindowImportance(double BaselineLoss, IReadOnlyList<ColumnImportance> Columns)
{
    public IReadOnlyList<double> Means => [.. Columns.Select(c => c.Mean)];
}

/// <summary>
/// Permutation importance (Breiman 2001; scikit-learn's <c>sklearn.inspection.permutation_importance</c>
/// step for step): the loss of the predictor on the rows, then for each column and each repeat the loss
/// after that column's values are shuffled across rows; the importance is the increase. The shuffles are
/// scikit-learn's: a numpy RandomState seeded with <c>seed</c> draws one seed, each column starts a
/// RandomState from it, shuffles an index array in place once per repeat and permutes the column's
/// already-permuted values by it (so one seed gives scikit-learn's permutations exactly).
/// </summary>
public static class PermutationImportance
{
    public static WindowImportance Compute(IScorePredictor predictor, ImportanceMatrix rows, IReadOnlyList<double> labels, ImportanceLoss loss, int repeats, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (labels.Count != rows.Rows)
            throw new ArgumentException($"{labels.Count} labels for {rows.Rows} rows.", nameof(labels));
        var baseline = loss.Mean(labels, predictor.Predict(rows));
        var columnSeed = (uint)new NumpyRandomState((uint)seed).NextInt31();
        var n = rows.Rows;
        var width = rows.Width;
        var working = new ImportanceMatrix((double[])rows.Values.Clone(), width, rows.Groups);
        var values = working.Values;
        var block = new double[n * width];
        var columns = new List<ColumnImportance>(rows.Groups.Count);
        foreach (var group in rows.Groups)
        {
            var random = new NumpyRandomState(columnSeed);
            var order = Enumerable.Range(0, n).ToArray();
            var increases = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                random.Shuffle(order);
                // X[:, col] = X[order, col], through a copy: the source rows are read before any is overwritten.
                for (var i = 0; i < n; i++)
                    Array.Copy(values, order[i] * width + group.Start, block, i * group.Width, group.Width);
                for (var i = 0; i < n; i++)
                    Array.Copy(block, i * group.Width, values, i * width + group.Start, group.Width);
                increases[r] = loss.Mean(labels, predictor.Predict(working)) - baseline;
            }
            // Back to the original column before the next one is permuted, as scikit-learn copies X per column.
            for (var i = 0; i < n; i++)
                Array.Copy(rows.Values, i * width + group.Start, values, i * width + group.Start, group.Width);
            var mean = increases.Average();
            var variance = increases.Sum(v => (v - mean) * (v - mean)) / repeats;
            columns.Add(new ColumnImportance(group.Name, mean, Math.Sqrt(variance), increases));
        }
        return new WindowImportance(baseline, columns);
    }
}
