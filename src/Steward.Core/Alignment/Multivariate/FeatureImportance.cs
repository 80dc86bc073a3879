namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// How much a source column helped the classifier tell current from reference: the split gains of its
/// features (every one-hot category or embedding dimension, and its missing indicator) summed over all
/// trees, as a share of the total gain.
/// </summary>
public sealed record FeatureImportance(string Feature, double Importance)
{
    /// <summary>Shares per column, largest first (ties by name).</summary>
    internal static List<FeatureImportance> FromGains(FeatureMatrix matrix, IReadOnlyList<double> gains)
    {
        var perColumn = new double[matrix.Columns.Count];
        for (var f = 0; f < gains.Count; f++)
            perColumn[matrix.FeatureColumn[f]] += gains[f];
        var total = perColumn.Sum();
        return matrix.Columns.Select((c, i) => new FeatureImportance(c.Name, total > 0 ? perColumn[i] / total : 0))
            .OrderByDescending(f => f.Importance).ThenBy(f => f.Feature, StringComparer.Ordinal).ToList();
    }
}
