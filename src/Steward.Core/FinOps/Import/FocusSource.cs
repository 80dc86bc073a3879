using System.Data.Common;
using DuckDB.NET.Data;

namespace Steward.Core.FinOps.Import;

/// <summary>The file formats of FOCUS exports that DuckDB reads directly.</summary>
public enum FocusFormat
{
    Csv,
    Parquet,
}

/// <summary>
/// A FOCUS export as DuckDB sees it: the SQL that scans it (CSV read as text so that Steward, not
/// the CSV sniffer, decides each column's type) and the columns it has, mapped to FOCUS names.
/// </summary>
internal sealed class FocusSource
{
    private FocusSource(string path, string displayName, FocusFormat format, IReadOnlyDictionary<string, SourceColumn> columns)
    {
        Path = path;
        DisplayName = displayName;
        Format = format;
        Columns = columns;
    }

    public string Path { get; }

    /// <summary>The path as the user wrote it, for messages.</summary>
    public string DisplayName { get; }

    public FocusFormat Format { get; }

    /// <summary>The file's columns by their name in the file (any case).</summary>
    public IReadOnlyDictionary<string, SourceColumn> Columns { get; }

    public string Scan => ScanSql(Path, Format);

    /// <summary>The format from the file name: .csv, .csv.gz (or .gz), .parquet (or .pq).</summary>
    public static FocusFormat FormatOf(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".parquet") || name.EndsWith(".pq"))
            return FocusFormat.Parquet;
        if (name.EndsWith(".csv") || name.EndsWith(".csv.gz") || name.EndsWith(".gz") || name.EndsWith(".txt"))
            return FocusFormat.Csv;
        throw new StewardInputException($"{path}: unknown FOCUS export format; expected .csv, .csv.gz or .parquet");
    }

    /// <summary>
    /// The table function that reads the file. A CSV's header is read here and every column is
    /// declared VARCHAR, with DuckDB's sniffer off: Steward decides types, and a malformed row gets
    /// DuckDB's precise "line N: expected X columns" error instead of a failed dialect guess.
    /// </summary>
    public static string ScanSql(string path, FocusFormat format)
    {
        var literal = Literal(path);
        if (format == FocusFormat.Parquet)
            return $"read_parquet({literal})";
        var columns = string.Join(", ", CsvHeader(path).Select(name => $"{Literal(name)}: 'VARCHAR'"));
        // FOCUS exports write NULL both as an empty field and as the word NULL.
        return $"read_csv({literal}, header = true, auto_detect = false, columns = {{{columns}}}, delim = ',', quote = '\"', escape = '\"', nullstr = ['NULL', ''])";
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>The column names in the first line of a CSV (gzip-compressed if its name ends in .gz).</summary>
    public static IReadOnlyList<string> CsvHeader(string path)
    {
        Security.SafeFile.EnsureRegular(Security.RealPath.Resolve(path), path); // a FIFO would block, /dev/zero never end
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (InvalidDataException ex)
        {
            throw new StewardInputException($"{path}: not a gzip file: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(line))
            throw new StewardInputException($"{path}: line 1: no header; a FOCUS CSV starts with its column names");
        var names = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { names.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }
        names.Add(current.ToString().Trim());
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new StewardInputException($"{path}: line 1: column {duplicate.Key} appears twice in the header");
        return names;
    }

    /// <summary>Reads the header (CSV) or schema (Parquet) of <paramref name="path"/>.</summary>
    public static FocusSource Open(DbConnection connection, string path, string displayName)
    {
        var format = FormatOf(path);
        var columns = new Dictionary<string, SourceColumn>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var describe = connection.CreateCommand();
            describe.CommandText = $"DESCRIBE SELECT * FROM {ScanSql(path, format)}";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
                columns.TryAdd(reader.GetString(0), new SourceColumn(reader.GetString(0), reader.GetString(1)));
        }
        catch (DuckDBException ex)
        {
            throw new StewardInputException($"{displayName}: cannot read the FOCUS export: {FocusDiagnostics.FirstLine(ex.Message)}", ex);
        }
        return new FocusSource(path, displayName, format, columns);
    }

    /// <summary>The FOCUS columns the file has, in <see cref="FocusColumns.All"/> order, each with the file's column.</summary>
    public IReadOnlyList<(FocusColumn Column, SourceColumn Source)> Present()
        => [.. FocusColumns.All.Select(c => (Column: c, Source: Find(c))).Where(x => x.Source is not null).Select(x => (x.Column, x.Source!))];

    /// <summary>The file's column for a FOCUS column (by its name or an alias), or null if the file lacks it.</summary>
    public SourceColumn? Find(FocusColumn column)
    {
        if (Columns.TryGetValue(column.Name, out var found))
            return found;
        foreach (var alias in column.Aliases)
        {
            if (Columns.TryGetValue(alias, out found))
                return found;
        }
        return null;
    }
}

/// <summary>A column of the export: its name as written in the file and its DuckDB type.</summary>
internal sealed record SourceColumn(string Name, string Type)
{
    public string Quoted => "\"" + Name.Replace("\"", "\"\"") + "\"";
}
