using System.Buffers;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// One numeric column of two samples as an ascending stream of distinct values with their counts.
/// A sample within the in-memory sort limit is streamed from DuckDB unsorted (a plain scan) and
/// radix-sorted in a pooled buffer; a larger one is sorted by DuckDB (ORDER BY, external when memory
/// runs short) and streamed, each sample on its own connection so that both cursors advance side by
/// side. Either way the result is the same exact sorted merge.
/// </summary>
internal sealed class SortedColumnMerge(DuckDBConnection database)
{
    internal const string FiniteFilter = "v IS NOT NULL AND isfinite(v)";

    private readonly ArrayPool<double> _values = ArrayPool<double>.Create(1 << 21, 8);
    private readonly ArrayPool<ulong> _scratch = ArrayPool<ulong>.Create(1 << 21, 4);

    public IEnumerable<ValueCount> Merge(string referenceSql, string currentSql, string column, NumericSummary summary, int inMemorySortLimit)
    {
        if (summary.CountReference > inMemorySortLimit || summary.CountCurrent > inMemorySortLimit)
            return DuckDbSortedMerge(referenceSql, currentSql, column);
        return InMemorySortedMerge(referenceSql, currentSql, column, (int)summary.CountReference, (int)summary.CountCurrent);
    }

    private IEnumerable<ValueCount> DuckDbSortedMerge(string referenceSql, string currentSql, string column)
    {
        using var referenceConnection = DuckDbConnections.Fork(database);
        using var currentConnection = DuckDbConnections.Fork(database);
        foreach (var value in SortedValueMerge.Merge(SortedValues(referenceConnection, referenceSql, column), SortedValues(currentConnection, currentSql, column)))
            yield return value;
    }

    private IEnumerable<ValueCount> InMemorySortedMerge(string referenceSql, string currentSql, string column, int countReference, int countCurrent)
    {
        var reference = ReadSorted(referenceSql, column, countReference);
        try
        {
            var current = ReadSorted(currentSql, column, countCurrent);
            try
            {
                foreach (var value in SortedValueMerge.Merge(Prefix(reference, countReference), Prefix(current, countCurrent)))
                    yield return value;
            }
            finally
            {
                _values.Return(current);
            }
        }
        finally
        {
            _values.Return(reference);
        }
    }

    private static IEnumerable<double> Prefix(double[] values, int count)
    {
        for (var i = 0; i < count; i++)
            yield return values[i];
    }

    /// <summary>The finite values of one sample's column, read in a plain scan and radix-sorted; a pooled array, the first <paramref name="count"/> entries used.</summary>
    private double[] ReadSorted(string relation, string column, int count)
    {
        var values = _values.Rent(Math.Max(count, 1));
        try
        {
            using (var connection = DuckDbConnections.Fork(database))
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT v FROM (SELECT TRY_CAST({TableFile.Quote(column)} AS DOUBLE) AS v FROM {relation}) WHERE {FiniteFilter}";
                using var reader = command.ExecuteReader();
                var read = 0;
                while (reader.Read())
                {
                    // The summary counted these rows a moment ago; more now means the data changed underneath.
                    if (read == count)
                        throw new InvalidOperationException($"column '{column}' has more values than were counted");
                    values[read++] = reader.GetDouble(0);
                }
                if (read != count)
                    throw new InvalidOperationException($"column '{column}' has fewer values than were counted");
            }
            var scratch = _scratch.Rent(Math.Max(count, 1));
            try
            {
                DoubleRadixSort.Sort(values.AsSpan(0, count), scratch);
            }
            finally
            {
                _scratch.Return(scratch);
            }
            return values;
        }
        catch
        {
            _values.Return(values);
            throw;
        }
    }

    private static IEnumerable<double> SortedValues(DuckDBConnection connection, string relation, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT v FROM (SELECT TRY_CAST({TableFile.Quote(column)} AS DOUBLE) AS v FROM {relation}) WHERE {FiniteFilter} ORDER BY v";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return reader.GetDouble(0);
    }
}
