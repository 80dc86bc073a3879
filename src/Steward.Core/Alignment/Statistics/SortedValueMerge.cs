namespace Steward.Core.Alignment.Statistics;

/// <summary>A distinct value of a numeric column and how often it occurs in each sample.</summary>
public readonly record struct ValueCount(double Value, long Reference, long Current);

/// <summary>
/// Merges two ascending streams of values (the reference and the current sample of one column, each
/// sorted by DuckDB) into one ascending stream of distinct values with their count in each sample.
/// Only the two current positions are held, so memory does not depend on the number of rows.
/// </summary>
public static class SortedValueMerge
{
    public static IEnumerable<ValueCount> Merge(IEnumerable<double> sortedReference, IEnumerable<double> sortedCurrent)
    {
        using var reference = sortedReference.GetEnumerator();
        using var current = sortedCurrent.GetEnumerator();
        var hasReference = reference.MoveNext();
        var hasCurrent = current.MoveNext();
        var previous = double.NegativeInfinity;
        while (hasReference || hasCurrent)
        {
            var value = !hasCurrent || (hasReference && reference.Current <= current.Current) ? reference.Current : current.Current;
            if (!(value >= previous))
                throw new ArgumentException("The samples must be sorted ascending and hold no NaN.");
            previous = value;
            long countReference = 0, countCurrent = 0;
            while (hasReference && reference.Current == value)
            {
                countReference++;
                hasReference = reference.MoveNext();
            }
            while (hasCurrent && current.Current == value)
            {
                countCurrent++;
                hasCurrent = current.MoveNext();
            }
            yield return new ValueCount(value, countReference, countCurrent);
        }
    }
}
