using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// Drift from CSV, in-process (bench/compare/drift.sh times the whole process against pandas + scipy):
/// two files of 500,000 rows x 10 numeric columns (six decimals, one column of integers, 0.1 % empty
/// cells in one column; fixed seed), KS per column. <see cref="ReadBothFiles"/> is the reader alone,
/// <see cref="KsFromCsv"/> what <c>steward analyze drift --method ks</c> does (direct reader, radix sort,
/// one merge pass), <see cref="KsFromCsvThroughDuckDb"/> the general path it replaces for such files.
/// Run: <c>dotnet run -c Release --project bench/Steward.Benchmarks -- --filter '*CsvDriftBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CsvDriftBenchmarks
{
    private const int Rows = 500_000;
    private string _reference = "";
    private string _current = "";

    private sealed class Config() : InProcessRunsConfig(5);

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "steward-bench-csv-drift");
        Directory.CreateDirectory(folder);
        _reference = Path.Combine(folder, "reference.csv");
        _current = Path.Combine(folder, "current.csv");
        Write(_reference, seed: 14, shift: 0);
        Write(_current, seed: 15, shift: 0.3);
    }

    private static void Write(string path, int seed, double shift)
    {
        if (File.Exists(path)) return;
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n");
        var line = new StringBuilder();
        for (var i = 0; i < Rows; i++)
        {
            line.Clear();
            for (var c = 0; c < 10; c++)
            {
                if (c > 0) line.Append(',');
                if (c == 6) line.Append(random.Next(0, 1001));
                else if (c == 7 && random.NextDouble() < 0.001) { }
                else line.Append((Normal(random) + (c % 2 == 1 ? shift : 0)).ToString("F6", CultureInfo.InvariantCulture));
            }
            writer.Write(line.Append('\n'));
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Benchmark]
    public long ReadBothFiles() =>
        CsvNumericTable.TryRead(_reference, DuckDbDriftSource.DefaultInMemorySortLimit)!.Rows
        + CsvNumericTable.TryRead(_current, DuckDbDriftSource.DefaultInMemorySortLimit)!.Rows;

    [Benchmark]
    public int KsFromCsv() =>
        DriftAnalyzer.Analyze(_reference, _current, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov }).DriftedCount;

    [Benchmark]
    public int KsFromCsvThroughDuckDb()
    {
        using var source = new DuckDbDriftSource(_reference, _current);
        return DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov }).DriftedCount;
    }
}
