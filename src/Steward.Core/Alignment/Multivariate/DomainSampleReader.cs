using System.Collections;
using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Reads the classifier's columns from two table files (CSV, Parquet, JSON Lines) through an in-memory
/// DuckDB connection. Each file is streamed once in file order and reservoir-sampled down to
/// <see cref="MultivariateDriftOptions.MaxRows"/> rows (seed <c>Seed</c> for the reference, <c>Seed + 1</c>
/// for the current file), so memory is bounded by that many rows whatever the file size, and a file
/// gives the same rows as the same data passed in memory.
/// A column is an embedding when it is named in <see cref="MultivariateDriftOptions.Embeddings"/> or typed
/// LIST/ARRAY; categorical when named in <see cref="MultivariateDriftOptions.Categorical"/> or not
/// numeric in either file; numeric otherwise.
/// </summary>
public static class DomainSampleReader
{
    private const string ReferenceTable = "steward_mv_reference";
    private const string CurrentTable = "steward_mv_current";

    public static (DomainSample Reference, DomainSample Current) Read(string referencePath, string currentPath, MultivariateDriftOptions options)
    {
        using var connection = TableFile.OpenInMemory();
        var reference = Load(connection, referencePath, ReferenceTable);
        var current = Load(connection, currentPath, CurrentTable);
        foreach (var name in options.Categorical.Concat(options.Embeddings))
        {
            if (reference.Column(name) is null) throw Missing(reference, name);
            if (current.Column(name) is null) throw Missing(current, name);
        }
        // Embedding columns are features even when --columns does not repeat them.
        var names = (options.Columns ?? reference.Columns.Select(c => c.Name).ToList())
            .Concat(options.Embeddings)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var specs = names.Select(name => Resolve(connection, reference, current, name, options)).ToList();
        return (
            Sample(connection, reference, specs, options.MaxRows, options.Seed),
            Sample(connection, current, specs, options.MaxRows, options.Seed + 1));
    }

    private sealed record Source(string Path, string Table, long Rows, IReadOnlyList<TableColumn> Columns)
    {
        public TableColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
    }

    private sealed record ColumnSpec(string Name, FeatureKind Kind, int Width);

    private static Source Load(DuckDBConnection connection, string path, string table)
    {
        var reader = TableFile.ReaderSql(path);
        var isParquet = reader.StartsWith("read_parquet", StringComparison.Ordinal);
        return TableFile.Guard(path, () =>
        {
            // CSV and JSON are parsed once into a table (the checks below read them again); Parquet in place.
            Execute(connection, isParquet ? $"CREATE VIEW {table} AS SELECT * FROM {reader}" : $"CREATE TABLE {table} AS SELECT * FROM {reader}");
            var rows = Convert.ToInt64(TableFile.Scalar(connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);
            if (rows == 0) throw new StewardInputException($"{path}: the table has no rows");
            return new Source(path, table, rows, TableFile.Describe(connection, table));
        });
    }

    private static bool IsList(TableColumn column) => column.SqlType.EndsWith(']');

    private static ColumnSpec Resolve(DuckDBConnection connection, Source reference, Source current, string name, MultivariateDriftOptions options)
    {
        var r = reference.Column(name) ?? throw Missing(reference, name);
        var c = current.Column(name) ?? throw Missing(current, name);
        if (options.Embeddings.Contains(name) || IsList(r) || IsList(c))
            return new ColumnSpec(name, FeatureKind.Embedding, EmbeddingWidth(connection, reference, current, name));
        if (options.Categorical.Contains(name))
            return new ColumnSpec(name, FeatureKind.Categorical, 1);
        var referenceNumeric = r.Kind == ColumnKind.Numeric;
        var currentNumeric = c.Kind == ColumnKind.Numeric;
        if (!referenceNumeric && !currentNumeric)
            return new ColumnSpec(name, FeatureKind.Categorical, 1);
        // Numeric on one side only: the other side holds a value that is not a number; name its row.
        foreach (var source in new[] { reference, current })
        {
            if (source.Column(name)!.Kind == ColumnKind.Numeric) continue;
            if (TableFile.FirstNonNumeric(connection, source.Table, name) is { } bad)
                throw new StewardInputException($"{source.Path}: row {bad.Row}, column '{name}': '{bad.Value}' is not a number");
        }
        return new ColumnSpec(name, FeatureKind.Numeric, 1);
    }

    private static StewardInputException Missing(Source source, string name) =>
        new($"{source.Path}: no column '{name}' (columns: {string.Join(", ", source.Columns.Select(c => c.Name))})");

    private static string AsList(string name) => $"TRY_CAST({TableFile.Quote(name)} AS DOUBLE[])";

    /// <summary>
    /// The length of the first reference vector; every non-missing value of both files must be a list of
    /// that many numbers (the first row that is not is named).
    /// </summary>
    private static int EmbeddingWidth(DuckDBConnection connection, Source reference, Source current, string name)
    {
        var column = TableFile.Quote(name);
        var first = TableFile.Guard(reference.Path, () => TableFile.Scalar(connection,
            $"SELECT len({AsList(name)}) FROM (SELECT {column} FROM {reference.Table} WHERE {column} IS NOT NULL LIMIT 1)"));
        var width = first is null ? 0 : Convert.ToInt32(first, CultureInfo.InvariantCulture);
        if (width == 0)
        {
            var sample = TableFile.Scalar(connection, $"SELECT CAST({column} AS VARCHAR) FROM {reference.Table} WHERE {column} IS NOT NULL LIMIT 1");
            throw new StewardInputException(sample is null
                ? $"{reference.Path}: embedding column '{name}' has no values"
                : $"{reference.Path}: column '{name}': '{Shorten(sample.ToString()!)}' is not a list of numbers");
        }
        foreach (var source in new[] { reference, current })
        {
            var bad = TableFile.Guard(source.Path, () => FirstBadVector(connection, source.Table, name, width));
            if (bad is { } b)
                throw new StewardInputException($"{source.Path}: row {b.Row}, column '{name}': '{Shorten(b.Value)}' is not an embedding of {width} numbers");
        }
        return width;
    }

    private static (long Row, string Value)? FirstBadVector(DuckDBConnection connection, string table, string name, int width)
    {
        using var command = connection.CreateCommand();
        var column = TableFile.Quote(name);
        command.CommandText =
            $"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, CAST({column} AS VARCHAR) AS v, {AsList(name)} AS e FROM {table}) " +
            $"WHERE v IS NOT NULL AND (e IS NULL OR len(e) <> {width}) ORDER BY rn LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>Streams the file in order and keeps a seeded reservoir of rows.</summary>
    private static DomainSample Sample(DuckDBConnection connection, Source source, IReadOnlyList<ColumnSpec> specs, int maxRows, int seed)
    {
        var capacity = (int)Math.Min(source.Rows, maxRows);
        var numbers = specs.Select(s => s.Kind == FeatureKind.Categorical ? null : new double[capacity * s.Width]).ToArray();
        var categories = specs.Select(s => s.Kind == FeatureKind.Categorical ? new string?[capacity] : null).ToArray();
        var expressions = specs.Select(s => s.Kind switch
        {
            FeatureKind.Numeric => $"TRY_CAST({TableFile.Quote(s.Name)} AS DOUBLE)",
            FeatureKind.Embedding => AsList(s.Name),
            _ => $"CAST({TableFile.Quote(s.Name)} AS VARCHAR)",
        });
        var sampler = new ReservoirSampler(capacity, seed);
        var origin = new long[capacity];
        TableFile.Guard(source.Path, () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", expressions)} FROM {source.Table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var slot = sampler.Offer();
                if (slot < 0) continue;
                origin[slot] = sampler.Seen - 1;
                for (var i = 0; i < specs.Count; i++)
                {
                    var spec = specs[i];
                    if (spec.Kind == FeatureKind.Categorical)
                        categories[i]![slot] = reader.IsDBNull(i) ? null : reader.GetString(i);
                    else if (spec.Kind == FeatureKind.Numeric)
                        numbers[i]![slot] = reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i);
                    else
                        ReadVector(reader, i, numbers[i].AsSpan(slot * spec.Width, spec.Width));
                }
            }
            return 0;
        });

        // The kept rows back in file order, as DomainSample.Subsample leaves them.
        var order = Enumerable.Range(0, capacity).OrderBy(slot => origin[slot]).ToArray();
        var sample = new DomainSample(source.Path) { TotalRows = sampler.Seen };
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            _ = spec.Kind switch
            {
                FeatureKind.Numeric => sample.WithNumeric(spec.Name, Gather(numbers[i]!, order, 1)),
                FeatureKind.Embedding => sample.WithEmbedding(spec.Name, spec.Width, Gather(numbers[i]!, order, spec.Width)),
                _ => sample.WithCategorical(spec.Name, order.Select(slot => categories[i]![slot]).ToArray()),
            };
        }
        return sample;
    }

    private static double[] Gather(double[] values, int[] order, int width)
    {
        var result = new double[values.Length];
        for (var k = 0; k < order.Length; k++)
            Array.Copy(values, order[k] * width, result, k * width, width);
        return result;
    }

    /// <summary>A list of numbers into <paramref name="target"/>; a missing vector or element is NaN.</summary>
    private static void ReadVector(DuckDBDataReader reader, int ordinal, Span<double> target)
    {
        if (reader.IsDBNull(ordinal))
        {
            target.Fill(double.NaN);
            return;
        }
        var k = 0;
        foreach (var element in (IEnumerable)reader.GetValue(ordinal))
            target[k++] = element is null ? double.NaN : Convert.ToDouble(element, CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
