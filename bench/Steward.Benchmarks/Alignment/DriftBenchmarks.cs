using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Drift;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// Drift of 20 numeric columns, 1,000,000 reference rows against 1,000,000 current rows, read from
/// Parquet through DuckDB. Each method runs the same one-pass column scan (KS, Wasserstein and the
/// histogram are accumulated together); the method only changes the final formula.
/// Run: <c>dotnet run -c Release --project bench/Steward.Benchmarks -- --filter *DriftBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[InProcess] // in-process: no boilerplate project to build on a loaded machine
[WarmupCount(1)]
[IterationCount(3)]
public class DriftBenchmarks
{
    private const int Rows = 1_000_000;
    private const int Columns = 20;
    private string _folder = "";
    private string _reference = "";
    private string _current = "";

    [Params(DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.Psi)]
    public DriftMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "steward-bench-drift");
        Directory.CreateDirectory(_folder);
        _reference = Path.Combine(_folder, "reference.parquet");
        _current = Path.Combine(_folder, "current.parquet");
        if (!File.Exists(_reference)) Write(_reference, 0.0, 0.42);
        if (!File.Exists(_current)) Write(_current, 0.05, 0.17);
    }

    /// <summary>20 columns of seeded uniform noise (rounded to 6 decimals, so values repeat as real data do), shifted for the current sample.</summary>
    private static void Write(string path, double shift, double seed)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var columns = string.Join(", ", Enumerable.Range(0, Columns).Select(i => $"round(random() * {1 + i} + {shift}, 6) AS c{i:00}"));
        command.CommandText = $"SELECT setseed({seed}); COPY (SELECT {columns} FROM range({Rows})) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }

    [Benchmark]
    public int Drift()
    {
        using var source = new DuckDbDriftSource(_reference, _current);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Method = Method });
        return report.DriftedCount;
    }
}
