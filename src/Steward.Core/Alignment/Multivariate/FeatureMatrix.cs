namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// The classifier's input: reference rows then current rows, each a row of <see cref="Width"/> features
/// (row-major, single precision as ML.NET trains on), labelled true for current rows.
/// </summary>
internal sealed class FeatureMatrix
{
    public FeatureMatrix(float[] values, bool[] labels, IReadOnlyList<FeatureColumn> columns, IReadOnlyList<string> featureNames, int[] featureColumn)
    {
        Values = values;
        Labels = labels;
        Columns = columns;
        FeatureNames = featureNames;
        FeatureColumn = featureColumn;
    }

    public float[] Values { get; }

    /// <summary>True for a current row, false for a reference row.</summary>
    public bool[] Labels { get; }

    /// <summary>The source columns, with the number of features each expanded to.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>One name per feature: <c>x</c>, <c>x (missing)</c>, <c>city=Paris</c>, <c>emb[3]</c>.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>For each feature, the index of its source column in <see cref="Columns"/>.</summary>
    public int[] FeatureColumn { get; }

    public int Width => FeatureNames.Count;

    public int Rows => Labels.Length;

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Width, Width);
}
