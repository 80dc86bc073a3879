namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// Walks two ascending sequences together and reports, for each distinct value of their union,
/// how many values of each are &lt;= it. KS and Wasserstein on in-memory samples read this pass;
/// the cumulative form of <see cref="SortedValueMerge"/>.
/// </summary>
public static class SortedMerge
{
    /// <summary>Visits every distinct value of the union in ascending order with the cumulative counts.</summary>
    public static void Walk(IEnumerable<double> sortedReference, IEnumerable<double> sortedCurrent, Action<double, long, long> visit)
    {
        long countA = 0, countB = 0;
        foreach (var value in SortedValueMerge.Merge(sortedReference, sortedCurrent))
        {
            countA += value.Reference;
            countB += value.Current;
            visit(value.Value, countA, countB);
        }
    }
}
