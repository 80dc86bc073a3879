using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Count, min and max of the finite values of every column that is numeric in either sample: one
/// query per sample for all columns, instead of a scan per column.
/// </summary>
internal sealed class NumericSummaries(DuckDBConnection database, SampleRelation reference, SampleRelation current)
{
    public Dictionary<string, NumericSummary> Compute()
    {
        var currentKinds = current.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = reference.Columns
            .Where(c => currentKinds.TryGetValue(c.Name, out var other) && (c.Kind == ColumnKind.Numeric || other.Kind == ColumnKind.Numeric))
            .Select(c => c.Name).ToList();
        var summaries = new Dictionary<string, NumericSummary>(StringComparer.Ordinal);
        if (columns.Count == 0) return summaries;
        var referenceAggregates = Aggregates(reference, columns);
        var currentAggregates = Aggregates(current, columns);
        for (var i = 0; i < columns.Count; i++)
        {
            var (r, c) = (referenceAggregates[i], currentAggregates[i]);
            summaries[columns[i]] = new NumericSummary(r.Count, c.Count, Lowest(r.Min, c.Min), Highest(r.Max, c.Max));
        }
        return summaries;
    }

    // min and max of a sample without finite values are NaN: the other sample's then stands.
    private static double Lowest(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    private static double Highest(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    /// <summary>
    /// Count, min and max of the finite values of each column. Plain count/min/max first (DuckDB answers
    /// them from Parquet statistics or one fast scan); when both bounds are finite there is no NaN or
    /// infinity in the column (DuckDB orders NaN above +inf, so max would be NaN) and the plain figures
    /// are the finite ones. Only columns that do hold a non-finite value are scanned again with a filter.
    /// </summary>
    private List<(long Count, double Min, double Max)> Aggregates(SampleRelation sample, IReadOnlyList<string> columns)
    {
        var kinds = sample.Columns.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);
        string Value(string column) => kinds[column] == ColumnKind.Numeric
            ? TableFile.Quote(column)
            : $"TRY_CAST({TableFile.Quote(column)} AS DOUBLE)";
        var plain = Query(sample.Sql, string.Join(", ", columns.Select(c => $"count({Value(c)}), min({Value(c)}), max({Value(c)})")));
        for (var i = 0; i < columns.Count; i++)
        {
            var (count, min, max) = plain[i];
            if (count == 0 || (double.IsFinite(min) && double.IsFinite(max)))
                continue;
            var v = $"TRY_CAST({TableFile.Quote(columns[i])} AS DOUBLE)";
            plain[i] = Query(sample.Sql, $"count({v}), min({v}), max({v})", $"isfinite({v})")[0];
        }
        return plain;
    }

    /// <summary>Runs one row of (count, min, max) triples over <paramref name="relation"/>.</summary>
    private List<(long Count, double Min, double Max)> Query(string relation, string triples, string? where = null)
    {
        using var connection = DuckDbConnections.Fork(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {triples} FROM {relation}" + (where is null ? "" : $" WHERE {where}");
        using var reader = command.ExecuteReader();
        reader.Read();
        double Get(int i) => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        return Enumerable.Range(0, reader.FieldCount / 3)
            .Select(i => (Convert.ToInt64(reader.GetValue(3 * i), CultureInfo.InvariantCulture), Get(3 * i + 1), Get(3 * i + 2))).ToList();
    }
}
