using DuckDB.NET.Data;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// The drift benchmarks' input: 20 columns of seeded uniform noise, 1,000,000 rows per sample, rounded
/// to 6 decimals so that values repeat as real data do; the current sample shifted by 0.05. Written
/// once to Parquet in the system temp folder and reused by later runs.
/// </summary>
internal static class DriftBenchmarkData
{
    public const int Rows = 1_000_000;
    public const int Columns = 20;

    public static (string Reference, string Current) Create(string folderName)
    {
        var folder = Path.Combine(Path.GetTempPath(), folderName);
        Directory.CreateDirectory(folder);
        var reference = Path.Combine(folder, "reference.parquet");
        var current = Path.Combine(folder, "current.parquet");
        if (!File.Exists(reference)) Write(reference, 0.0, 0.42);
        if (!File.Exists(current)) Write(current, 0.05, 0.17);
        return (reference, current);
    }

    private static void Write(string path, double shift, double seed)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var columns = string.Join(", ", Enumerable.Range(0, Columns).Select(i => $"round(random() * {1 + i} + {shift}, 6) AS c{i:00}"));
        command.CommandText = $"SELECT setseed({seed}); COPY (SELECT {columns} FROM range({Rows})) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }
}
