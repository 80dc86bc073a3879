using System.Data.Common;
using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Core.FinOps;

/// <summary>
/// Where FOCUS charges are kept. <c>cost_focus</c> is a view with every column of
/// <see cref="FocusColumns"/> in its canonical type; underneath, each export shape (the FOCUS
/// columns a file has, with their stored types) has its own part table holding only those
/// columns. Imports write the part of their shape; <c>cost_focus_rows</c> holds rows from before
/// part tables existed and rows written directly.
/// </summary>
/// <remarks>
/// Why: DuckDB compresses every column of every row it stores, an all-NULL VARCHAR column costing
/// about as much as a real one. A 14-column export written into the 44-column table paid for 30
/// empty columns, and a DECIMAL(18,6) cost widened to DECIMAL(38,12) stores as a 128-bit integer,
/// three times slower to write. A part keeps a money column's decimal type when widening it to
/// <see cref="FocusColumns.MoneyType"/> is exact; the view widens on read, exact again.
/// </remarks>
internal static class CostFocusTables
{
    public const string View = "cost_focus";
    public const string Rows = "cost_focus_rows";
    public const string PartPrefix = "cost_focus_part_";

    /// <summary>
    /// The part table for <paramref name="shape"/>, created (and added to the view) if no part has
    /// it yet. Runs in the import's transaction, so a failed import leaves neither behind.
    /// </summary>
    public static string PartFor(DbConnection connection, IReadOnlyList<StoredColumn> shape)
    {
        var parts = Parts(connection);
        var existing = parts.FirstOrDefault(p => p.Columns.SequenceEqual(shape));
        if (existing is not null)
            return existing.Table;

        var number = parts.Count == 0 ? 1 : parts.Max(p => p.Number) + 1;
        var part = new Part(PartPrefix + number.ToString(CultureInfo.InvariantCulture), number, shape);
        var columns = shape.Select(c => $"    {c.Name} {c.Type}{(c.NotNull ? " NOT NULL" : "")}");
        Execute(connection, $"CREATE TABLE {part.Table} (\n    import_id BIGINT NOT NULL,\n{string.Join(",\n", columns)}\n)");
        Execute(connection, ViewSql([.. parts, part]));
        return part.Table;
    }

    /// <summary>The view over <see cref="Rows"/> and the given parts, each column cast to its canonical type.</summary>
    public static string ViewSql(IReadOnlyList<Part> parts)
    {
        var canonical = "SELECT import_id, " + string.Join(", ", FocusColumns.All.Select(c => c.Name)) + $" FROM {Rows}";
        var selects = parts.OrderBy(p => p.Number).Select(part =>
        {
            var stored = part.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var values = FocusColumns.All.Select(c =>
            {
                var type = FocusColumns.SqlType(c.Kind);
                if (!stored.TryGetValue(c.Name, out var column))
                    return $"CAST(NULL AS {type}) AS {c.Name}";
                return string.Equals(column.Type, type, StringComparison.OrdinalIgnoreCase) ? c.Name : $"CAST({c.Name} AS {type}) AS {c.Name}";
            });
            return $"SELECT import_id, {string.Join(", ", values)} FROM {part.Table}";
        });
        return $"CREATE OR REPLACE VIEW {View} AS\n" + string.Join("\nUNION ALL\n", selects.Prepend(canonical));
    }

    /// <summary>The part tables in the store, read from DuckDB's catalog (the catalog is the registry).</summary>
    public static IReadOnlyList<Part> Parts(DbConnection connection)
    {
        using var command = StoreSql.Command(connection, """
            SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main'
              AND starts_with(table_name, $prefix) AND column_name <> 'import_id'
            ORDER BY table_name, column_index
            """, ("prefix", PartPrefix));
        using var reader = command.ExecuteReader();
        var columns = new List<(string Table, StoredColumn Column)>();
        while (reader.Read())
            columns.Add((reader.GetString(0), new StoredColumn(reader.GetString(1), reader.GetString(2), !reader.GetBoolean(3))));
        return columns.GroupBy(c => c.Table, StringComparer.Ordinal)
            .Select(g => new Part(g.Key, int.Parse(g.Key[PartPrefix.Length..], CultureInfo.InvariantCulture), g.Select(c => c.Column).ToList()))
            .ToList();
    }

    /// <summary>
    /// The tables under the view — <see cref="Rows"/> and every part — each with a way to name a FOCUS
    /// column in it: the qualified column, or NULL where the part does not have it (as the view reads it).
    /// For changes the view cannot take, such as deleting charges.
    /// </summary>
    public static IReadOnlyList<(string Table, Func<string, string> Column)> UnderlyingTables(DbConnection connection)
    {
        var tables = new List<(string, Func<string, string>)> { (Rows, name => $"{Rows}.{name}") };
        foreach (var part in Parts(connection).OrderBy(p => p.Number))
        {
            var stored = part.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            tables.Add((part.Table, name => stored.Contains(name) ? $"{part.Table}.{name}" : "NULL"));
        }
        return tables;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = StoreSql.Command(connection, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>A part table: its name, its number, and its FOCUS columns in <see cref="FocusColumns.All"/> order.</summary>
    internal sealed record Part(string Table, int Number, IReadOnlyList<StoredColumn> Columns);
}
