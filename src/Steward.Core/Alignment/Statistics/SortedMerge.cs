namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// Walks two ascending sequences together and reports, for each distinct value of their union,
/// how many values of each are &lt;= it. KS, Wasserstein and the histograms all read this one pass,
/// so a column streamed sorted from DuckDB is never materialised.
/// </summary>
public static class SortedMerge
{
    /// <summary>Visits every distinct value of the union in ascending order with the cumulative counts.</summary>
    public static void Walk(IEnumerable<double> sortedReference, IEnumerable<double> sortedCurrent, Action<double, long, long> visit)
    {
        using var ea = sortedReference.GetEnumerator();
        using var eb = sortedCurrent.GetEnumerator();
        var hasA = ea.MoveNext();
        var hasB = eb.MoveNext();
        long countA = 0, countB = 0;
        var previous = double.NegativeInfinity;
        while (hasA || hasB)
        {
            var value = !hasB || (hasA && ea.Current <= eb.Current) ? ea.Current : eb.Current;
            if (double.IsNaN(value))
                throw new ArgumentException("The samples contain NaN; drop missing values first.");
            if (value < previous)
                throw new ArgumentException("The samples must be sorted ascending.");
            previous = value;
            while (hasA && ea.Current == value)
            {
                countA++;
                hasA = ea.MoveNext();
            }
            while (hasB && eb.Current == value)
            {
                countB++;
                hasB = eb.MoveNext();
            }
            visit(value, countA, countB);
        }
    }
}
