using System.Globalization;
using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace Steward.Core.Tests.FinOps.DropFolder;

/// <summary>
/// Drop-folder fixtures built from the shared FOCUS sample (1,000 rows): its rows split into parts
/// written as CSV, gzip CSV and Parquet (Parquet.Net, typed as exporters type it), restated copies
/// with changed costs, and the expected totals computed here from the lines themselves (decimal
/// arithmetic on the BilledCost text), independently of DuckDB and the importer.
/// </summary>
internal static class DropFolderFiles
{
    public static string[] Header => FocusFiles.Split(FocusFiles.SampleLines()[0]).Select(Unquote).ToArray()!;

    /// <summary>Data rows [from, to) of the sample as CSV lines (header excluded).</summary>
    public static string[] Rows(int from, int to) => FocusFiles.SampleLines()[(1 + from)..(1 + to)];

    /// <summary>The sum of the BilledCost column of CSV data lines, from their text.</summary>
    public static decimal BilledCost(IEnumerable<string> rows)
    {
        var index = Array.IndexOf(Header, "BilledCost");
        return rows.Select(l => FocusFiles.Split(l)[index]).Where(v => v != "NULL" && v.Length > 0)
            .Sum(v => decimal.Parse(Unquote(v)!, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    public static string Csv(string path, IEnumerable<string> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, rows.Prepend(FocusFiles.SampleLines()[0]));
        return path;
    }

    public static string Gzip(string path, IEnumerable<string> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var writer = new StreamWriter(output);
        foreach (var line in rows.Prepend(FocusFiles.SampleLines()[0]))
            writer.WriteLine(line);
        return path;
    }

    /// <summary>
    /// The rows as Parquet written by Parquet.Net: the cost columns DECIMAL(20,11), the period
    /// columns timestamps, everything else text; NULL is a null.
    /// </summary>
    public static string Parquet(string path, IEnumerable<string> rows)
    {
        WriteParquet(path, rows.ToList()).GetAwaiter().GetResult();
        return path;
    }

    private static async Task WriteParquet(string path, List<string> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var header = Header;
        var cells = rows.Select(l => FocusFiles.Split(l).Select(Unquote).ToArray()).ToList();
        var money = new HashSet<string> { "BilledCost", "EffectiveCost", "ListCost", "ContractedCost" };
        var times = new HashSet<string> { "ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd" };
        var fields = header.Select(name => money.Contains(name) ? new DecimalDataField(name, 20, 11, isNullable: true)
            : times.Contains(name) ? new DataField<DateTime?>(name)
            : (DataField)new DataField<string>(name, nullable: true)).ToList();
        var schema = new ParquetSchema(fields.Cast<Field>().ToArray());
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < header.Length; c++)
        {
            var values = cells.Select(r => r[c]).ToArray();
            if (money.Contains(header[c]))
                await group.WriteAsync<decimal>(fields[c], values.Select(v => v is null ? (decimal?)null
                    : decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray().AsMemory());
            else if (times.Contains(header[c]))
                await group.WriteAsync<DateTime>(fields[c], values.Select(v => v is null ? (DateTime?)null
                    : DateTime.SpecifyKind(DateTime.ParseExact(v, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToArray().AsMemory());
            else
                await group.WriteAsync(fields[c], (IReadOnlyCollection<string>)values!);
        }
    }

    /// <summary>The sample's rows with every BilledCost raised by <paramref name="cents"/> hundredths (a restated export).</summary>
    public static string[] Restated(string[] rows, int cents)
    {
        var index = Array.IndexOf(Header, "BilledCost");
        return rows.Select(l =>
        {
            var c = FocusFiles.Split(l);
            if (c[index] != "NULL")
                c[index] = (decimal.Parse(c[index], NumberStyles.Float, CultureInfo.InvariantCulture) + cents / 100m).ToString(CultureInfo.InvariantCulture);
            return string.Join(",", c);
        }).ToArray();
    }

    private static string? Unquote(string cell)
        => cell == "NULL" ? null : cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1].Replace("\"\"", "\"") : cell;
}
