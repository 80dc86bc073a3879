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

    public static (DomainSample Reference, DomainSample Current) Read(string referencePath, string currentPath, MultivariateDriftOptions options) =>
        Read(new NamedTableFile(referencePath, referencePath), new NamedTableFile(currentPath, currentPath), options);

    /// <summary>As <see cref="Read(string, string, MultivariateDriftOptions)"/>, the samples and messages naming each file by its <see cref="NamedTableFile.Name"/>.</summary>
    public static (DomainSample Reference, DomainSample Current) Read(NamedTableFile reference, NamedTableFile current, MultivariateDriftOptions options)
    {
        using var connection = TableFile.OpenInMemory();
        return Read(connection, Load(connection, reference, ReferenceTable), Load(connection, current, CurrentTable), options);
    }

    private static (DomainSample Reference, DomainSample Current) Read(DuckDBConnection connection, Source reference, Source current, MultivariateDriftOptions options)
    {
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

    private sealed record Source(string Name, string Table, long Rows, IReadOnlyList<TableColumn> Columns)
    {
        public TableColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
    }

    private static Source Load(DuckDBConnection connection, NamedTableFile file, string table)
    {
        var (path, name) = (file.Path, file.Name);
        var reader = TableFile.ReaderSql(path);
        var isParquet = reader.StartsWith("read_parquet", StringComparison.Ordinal);
        return TableFile.Guard(name, () =>
        {
            // CSV and JSON are parsed once into a table (the checks below read them again); Parquet in place.
            Execute(connection, isParquet ? $"CREATE VIEW {table} AS SELECT * FROM {reader}" : $"CREATE TABLE {table} AS SELECT * FROM {reader}");
            var rows = Convert.ToInt64(TableFile.Scalar(connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);
            if (rows == 0) throw new StewardInputException($"{name}: the table has no rows");
            return new Source(name, table, rows, TableFile.Describe(connection, table));
        });
    }

    private static bool IsList(TableColumn column) => column.SqlType.EndsWith(']');

    private static FeatureColumn Resolve(DuckDBConnection connection, Source reference, Source current, string name, MultivariateDriftOptions options)
    {
        var r = reference.Column(name) ?? throw Missing(reference, name);
        var c = current.Column(name) ?? throw Missing(current, name);
        if (options.Embeddings.Contains(name) || IsList(r) || IsList(c))
            return new FeatureColumn(name, FeatureKind.Embedding, EmbeddingWidth(connection, reference, current, name));
        if (options.Categorical.Contains(name))
            return new FeatureColumn(name, FeatureKind.Categorical, 1);
        var referenceNumeric = r.Kind == ColumnKind.Numeric;
        var currentNumeric = c.Kind == ColumnKind.Numeric;
        if (!referenceNumeric && !currentNumeric)
            return new FeatureColumn(name, FeatureKind.Categorical, 1);
        // Numeric on one side only: the other side holds a value that is not a number; name its row.
        foreach (var source in new[] { reference, current })
        {
            if (source.Column(name)!.Kind == ColumnKind.Numeric) continue;
            if (TableFile.FirstNonNumeric(connection, source.Table, name) is { } bad)
                throw new StewardInputException($"{source.Name}: row {bad.Row}, column '{name}': '{bad.Value}' is not a number");
        }
        return new FeatureColumn(name, FeatureKind.Numeric, 1);
    }

    private static StewardInputException Missing(Source source, string name) =>
        new($"{source.Name}: no column '{name}' (columns: {string.Join(", ", source.Columns.Select(c => c.Name))})");

    /// <summary>
    /// The length of the first reference vector; every non-missing value of both files must be a list of
    /// that many numbers (the first row that is not is named).
    /// </summary>
    private static int EmbeddingWidth(DuckDBConnection connection, Source reference, Source current, string name)
    {
        var width = FirstEmbeddingWidth(connection, reference.Table, reference.Name, name);
        foreach (var source in new[] { reference, current })
            CheckEmbeddings(connection, source.Table, source.Name, name, width);
        return width;
    }

    /// <summary>
    /// The width of embedding column <paramref name="name"/> of <paramref name="relation"/> (a table, or a
    /// query in parentheses): the length of its first non-missing value, which must be a list of numbers.
    /// <paramref name="source"/> names the relation in messages.
    /// </summary>
    public static int FirstEmbeddingWidth(DuckDBConnection connection, string relation, string source, string name)
    {
        var column = TableFile.Quote(name);
        var first = TableFile.Guard(source, () => TableFile.Scalar(connection,
            $"SELECT len({EmbeddingSql.Vector(column)}) FROM (SELECT {column} FROM {relation} WHERE {column} IS NOT NULL LIMIT 1)"));
        var width = first is null ? 0 : Convert.ToInt32(first, CultureInfo.InvariantCulture);
        if (width == 0)
        {
            var sample = TableFile.Guard(source, () => TableFile.Scalar(connection,
                $"SELECT CAST({column} AS VARCHAR) FROM {relation} WHERE {column} IS NOT NULL LIMIT 1"));
            throw new StewardInputException(sample is null
                ? $"{source}: embedding column '{name}' has no values"
                : $"{source}: column '{name}': '{Shorten(sample.ToString()!)}' is not a list of numbers");
        }
        return width;
    }

    /// <summary>
    /// Checks that every non-missing value of embedding column <paramref name="name"/> of
    /// <paramref name="relation"/> is a list of <paramref name="width"/> numbers; the first that is not is
    /// named by its row (1-based, in the relation's order).
    /// </summary>
    public static void CheckEmbeddings(DuckDBConnection connection, string relation, string source, string name, int width)
    {
        var bad = TableFile.Guard(source, () => FirstBadVector(connection, relation, name, width));
        if (bad is { } b)
            throw new StewardInputException($"{source}: row {b.Row}, column '{name}': '{Shorten(b.Value)}' is not an embedding of {width} numbers");
    }

    private static (long Row, string Value)? FirstBadVector(DuckDBConnection connection, string relation, string name, int width)
    {
        using var command = connection.CreateCommand();
        var column = TableFile.Quote(name);
        command.CommandText =
            $"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, CAST({column} AS VARCHAR) AS v, {EmbeddingSql.IsMalformed(column, width)} AS bad FROM {relation}) " +
            "WHERE bad ORDER BY rn LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>
    /// The SQL that reads a column for the classifier from <paramref name="expression"/>: a number (a value
    /// that is not one is missing), the text of a category, or a list of numbers (<see cref="EmbeddingSql"/>).
    /// </summary>
    public static string ColumnSql(FeatureKind kind, string expression) => kind switch
    {
        FeatureKind.Numeric => $"TRY_CAST({expression} AS DOUBLE)",
        FeatureKind.Embedding => EmbeddingSql.Vector(expression),
        _ => $"CAST({expression} AS VARCHAR)",
    };

    /// <summary>
    /// A sample from the rows of a query on any DuckDB connection (the store's inference log, a reference
    /// file): <paramref name="query"/> returns one column per entry of <paramref name="columns"/>, in that
    /// order, each read by <see cref="ColumnSql"/>, and orders its rows (the sample depends on the order).
    /// The rows are streamed once and reservoir-sampled down to <paramref name="maxRows"/> with
    /// <paramref name="seed"/>, as a file is by <see cref="Read"/>. An embedding's width is the column's
    /// <see cref="FeatureColumn.Width"/>; a kept vector of another length is an input error naming
    /// <paramref name="name"/>, the row (1-based, in the query's order) and the column (rows the reservoir
    /// drops are not read: check every value first with <see cref="CheckEmbeddings"/> or a query of your own).
    /// </summary>
    public static DomainSample ReadQuery(DuckDBConnection connection, string query, string name, IReadOnlyList<FeatureColumn> columns, int maxRows, int seed)
    {
        var rows = TableFile.Guard(name, () => Convert.ToInt64(TableFile.Scalar(connection, $"SELECT count(*) FROM ({query})"), CultureInfo.InvariantCulture));
        return Sample(connection, query, name, rows, columns, maxRows, seed);
    }

    /// <summary>Streams the file in order and keeps a seeded reservoir of rows.</summary>
    private static DomainSample Sample(DuckDBConnection connection, Source source, IReadOnlyList<FeatureColumn> specs, int maxRows, int seed)
    {
        var expressions = specs.Select(s => ColumnSql(s.Kind, TableFile.Quote(s.Name)));
        return Sample(connection, $"SELECT {string.Join(", ", expressions)} FROM {source.Table}", source.Name, source.Rows, specs, maxRows, seed);
    }

    private static DomainSample Sample(DuckDBConnection connection, string query, string name, long rows, IReadOnlyList<FeatureColumn> specs, int maxRows, int seed)
    {
        var capacity = (int)Math.Min(rows, maxRows);
        var numbers = specs.Select(s => s.Kind == FeatureKind.Categorical ? null : new double[capacity * s.Width]).ToArray();
        var categories = specs.Select(s => s.Kind == FeatureKind.Categorical ? new string?[capacity] : null).ToArray();
        var sampler = new ReservoirSampler(capacity, seed);
        var origin = new long[capacity];
        TableFile.Guard(name, () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
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
                    {
                        var length = ReadVector(reader, i, numbers[i].AsSpan(slot * spec.Width, spec.Width));
                        if (length >= 0)
                            throw new StewardInputException($"{name}: row {sampler.Seen}, column '{spec.Name}': the embedding has {length} values, expected {spec.Width}");
                    }
                }
            }
            return 0;
        });

        // The kept rows back in file order, as DomainSample.Subsample leaves them.
        var order = Enumerable.Range(0, sampler.Count).OrderBy(slot => origin[slot]).ToArray();
        var sample = new DomainSample(name) { TotalRows = sampler.Seen };
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
        var result = new double[order.Length * width];
        for (var k = 0; k < order.Length; k++)
            Array.Copy(values, order[k] * width, result, k * width, width);
        return result;
    }

    /// <summary>
    /// A list of numbers into <paramref name="target"/>; a missing vector or element is NaN. Returns −1, or
    /// the list's length when it does not fit the target.
    /// </summary>
    private static int ReadVector(DuckDBDataReader reader, int ordinal, Span<double> target)
    {
        if (reader.IsDBNull(ordinal))
        {
            target.Fill(double.NaN);
            return -1;
        }
        // Nullable elements: DuckDB.NET's untyped GetValue refuses a list with a missing element.
        var values = reader.GetFieldValue<List<double?>>(ordinal);
        if (values.Count != target.Length)
            return values.Count;
        for (var k = 0; k < values.Count; k++)
            target[k] = values[k] ?? double.NaN;
        return -1;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
